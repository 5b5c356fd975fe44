package pipeline

import (
	"runtime"
	"sync"
)

// The work of a run is many small tasks of unequal size: a report to build
// per gemeente, a document to render per gemeente and renderer, and the
// two overview documents. They run on one shared set of workers, one per
// processor, so the number of busy goroutines is bounded by the cores and
// not by cores × documents, and one gemeente's documents render side by
// side (with one gemeente, the Deventer samples, the second core renders
// the raadsmededeling while the first renders the workbook).
//
// A worker takes the first task of the most urgent lane. Tasks a running
// task adds (the documents of a report just built) come before new
// gemeenten, so a report lives only until its documents are rendered and
// memory stays flat in the number of gemeenten. A run with the overview
// builds every report first: the overview needs them all, and its
// workbook, the longest task of the run, then starts first instead of
// last, while the other cores render the gemeenten's documents.

// Lanes, most urgent first.
const (
	laneFirst    = iota // the overview and, in a run with one, the reports it needs
	laneDocument        // a document of a report already built
	laneLast            // building a gemeente's report
	lanes
)

// queue runs tasks on a fixed number of workers.
type queue struct {
	mu     sync.Mutex
	wake   *sync.Cond
	lanes  [lanes][]func()
	active int // tasks running; they may add tasks
}

func newQueue() *queue {
	q := &queue{}
	q.wake = sync.NewCond(&q.mu)
	return q
}

// add queues a task in a lane, behind the tasks already there.
func (q *queue) add(lane int, task func()) {
	q.mu.Lock()
	q.lanes[lane] = append(q.lanes[lane], task)
	q.mu.Unlock()
	q.wake.Signal()
}

// run works until every lane is empty and no task runs, on workers
// goroutines (0: one per processor).
func (q *queue) run(workers int) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			q.work()
		}()
	}
	wg.Wait()
}

// The lock is released by hand, not deferred: a task runs without it, and
// a deferred Unlock would turn a task's panic into a fatal "unlock of
// unlocked mutex" that hides the panic (TestQueuePanic).
func (q *queue) work() {
	q.mu.Lock()
	for {
		task := q.take()
		if task == nil {
			if q.active == 0 {
				q.wake.Broadcast() // nothing can add work any more: all stop
				q.mu.Unlock()
				return
			}
			q.wake.Wait()
			continue
		}
		q.active++
		q.mu.Unlock()
		task()
		q.mu.Lock()
		q.active--
	}
}

// take removes the first task of the most urgent non-empty lane.
func (q *queue) take() func() {
	for l := range q.lanes {
		if len(q.lanes[l]) > 0 {
			task := q.lanes[l][0]
			q.lanes[l][0] = nil
			q.lanes[l] = q.lanes[l][1:]
			return task
		}
	}
	return nil
}
