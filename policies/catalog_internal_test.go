package policies

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var updateCatalog = flag.Bool("update-catalog", false, "rewrite catalog.json from the METADATA annotations")

// TestEmbeddedCatalogIsCurrent: catalog.json, which Default reads instead of
// parsing every METADATA annotation at each run, is exactly the catalog the
// annotations give. After editing one, regenerate it with
// go test ./policies -run TestEmbeddedCatalogIsCurrent -update-catalog.
func TestEmbeddedCatalogIsCurrent(t *testing.T) {
	e, err := New(embedded)
	if err != nil {
		t.Fatal(err)
	}
	want, err := e.catalogJSON()
	if err != nil {
		t.Fatal(err)
	}
	if *updateCatalog {
		if err := os.WriteFile("catalog.json", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(embeddedCatalog, want) {
		t.Fatal("policies/catalog.json does not match the METADATA annotations; run: go test ./policies -run TestEmbeddedCatalogIsCurrent -update-catalog")
	}
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	got, err := d.catalogJSON()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("Default's catalog differs from the annotations'")
	}
	for name, p := range e.params {
		if q, ok := d.params[name]; !ok || q.Type != p.Type {
			t.Errorf("parameter %s: Default has %+v, the annotations %+v", name, q, p)
		}
	}
	if len(d.params) != len(e.params) {
		t.Errorf("Default has %d parameters, the annotations %d", len(d.params), len(e.params))
	}
}
