package gaps

// components returns each step's strongly connected component (a set of steps that can
// all reach each other: a loop in the journey) and the number of components.
//
// It is Tarjan's algorithm, written with an explicit stack instead of recursion so that a
// 100,000-step chain cannot overflow the goroutine stack. Tarjan completes components in
// reverse topological order, so a hand-over between two components always leads from the
// higher number to the lower: counting down from count-1 visits components in
// topological order, counting up in reverse.
func (g *graph) components() (comp []int32, count int32) {
	n := int32(g.nSteps)
	index := make([]int32, n) // discovery order + 1; 0 means not visited yet
	low := make([]int32, n)
	comp = make([]int32, n)
	for i := range comp {
		comp[i] = -1 // visited and still -1 means on Tarjan's stack
	}
	type frame struct{ v, next int32 }
	var stack []int32
	var calls []frame
	discovered := int32(0)
	visit := func(v int32) {
		discovered++
		index[v], low[v] = discovered, discovered
		stack = append(stack, v)
		calls = append(calls, frame{v, g.outStart[v]})
	}
	for root := range n {
		if index[root] != 0 {
			continue
		}
		visit(root)
		for len(calls) > 0 {
			f := &calls[len(calls)-1]
			v := f.v
			if f.next < g.outStart[v+1] {
				w := g.to[g.outList[f.next]]
				f.next++
				switch {
				case index[w] == 0:
					visit(w)
				case comp[w] == -1:
					low[v] = min(low[v], index[w])
				}
				continue
			}
			calls = calls[:len(calls)-1]
			if low[v] == index[v] {
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					comp[w] = count
					if w == v {
						break
					}
				}
				count++
			}
			if len(calls) > 0 {
				u := calls[len(calls)-1].v
				low[u] = min(low[u], low[v])
			}
		}
	}
	return comp, count
}
