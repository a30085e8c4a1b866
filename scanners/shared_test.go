package scanners

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/vouch-audit/vouch/target"
)

func TestSharedComputesOncePerContext(t *testing.T) {
	var calls atomic.Int32
	fn := func() []int { calls.Add(1); return []int{1, 2} }
	ctx := WithShared(context.Background())
	dir := func() target.Target {
		d, err := target.NewDir(t.TempDir(), "tree")
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tg := dir()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got := Shared(ctx, tg, "k", fn); len(got) != 2 {
				t.Errorf("Shared = %v", got)
			}
		})
	}
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Errorf("fn called %d times under one context; want 1", n)
	}
	Shared(ctx, tg, "other", fn)
	Shared(ctx, dir(), "k", fn)
	Shared(WithShared(context.Background()), tg, "k", fn)
	Shared(context.Background(), tg, "k", fn)
	if n := calls.Load(); n != 5 {
		t.Errorf("fn called %d times; want 5 (another key, another target, another context, no context)", n)
	}
}
