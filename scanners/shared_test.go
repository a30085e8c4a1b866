package scanners

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
)

func TestSharedComputesOncePerContext(t *testing.T) {
	var calls atomic.Int32
	fn := func() []int { calls.Add(1); return []int{1, 2} }
	ctx := WithShared(context.Background())
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got := Shared(ctx, "k", fn); len(got) != 2 {
				t.Errorf("Shared = %v", got)
			}
		})
	}
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Errorf("fn called %d times under one context; want 1", n)
	}
	Shared(ctx, "other", fn)
	Shared(WithShared(context.Background()), "k", fn)
	Shared(context.Background(), "k", fn)
	if n := calls.Load(); n != 4 {
		t.Errorf("fn called %d times; want 4 (another key, another context, no context)", n)
	}
}
