package diagram

import (
	"fmt"
	"strings"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
)

// legend is the part below the map: a key to the symbols, then the numbered findings.
type legend struct {
	keyHead  float64 // baseline of the key's heading
	key      []keyItem
	findHead float64 // baseline of the findings' heading; 0 without a report
	entries  []entry
	bottom   float64
}

// keyKind is the kind of symbol a key item shows.
type keyKind int

const (
	keyLine keyKind = iota
	keyCrisis
	keyEntry
	keyTerminal
	keyEmotion
	keySeverity
)

// keyItem is one symbol of the key and what it means.
type keyItem struct {
	kind  keyKind
	line  line          // for keyLine
	sev   gaps.Severity // for keySeverity
	label string
	at    point // left end of the symbol, on the label's baseline
}

// entry is one numbered finding in the legend.
type entry struct {
	mark  int
	at    point   // the marker's centre
	textX float64 // where the text starts
	y     float64 // baseline of the first line
	head  string  // severity and rule label
	lines []string
}

const (
	keyGap    = 22.0 // between key items
	keyRow    = 20.0 // from one row of key items to the next
	columnGap = 28.0 // between the two columns of findings
	entryGap  = 5.0  // between two findings
)

// placeLegend lays the legend out from top down.
func (l *layout) placeLegend(top float64) {
	lg := &l.legend
	lg.keyHead = top + legendHeadF
	lg.key = l.keyItems()
	x, y := margin, lg.keyHead+keyRow
	for i := range lg.key {
		it := &lg.key[i]
		w := l.symbolWidth(it) + 6 + textWidth(it.label, legendSize, false)
		if x > margin && x+w > l.width-margin {
			x, y = margin, y+keyRow
		}
		it.at = point{x, y}
		x += w + keyGap
	}
	lg.bottom = y + 8
	if !l.hasReport {
		return
	}
	lg.findHead = lg.bottom + 14 + legendHeadF
	l.placeEntries(lg.findHead + 8 + legendLead)
}

// keyItems lists the symbols the key explains; severities only when there is a report.
func (l *layout) keyItems() []keyItem {
	items := []keyItem{
		{kind: keyLine, line: lineSolid, label: say(wFormal, l.lang)},
		{kind: keyLine, line: lineDashed, label: say(wSelfNav, l.lang)},
		{kind: keyLine, line: lineJoint, label: labelOf(handoverLabels, journeys.HandoverJointPlanning, l.lang)},
		{kind: keyLine, line: lineThin, label: say(wInternalKey, l.lang)},
		{kind: keyCrisis, label: say(wCrisisKey, l.lang)},
		{kind: keyEntry, label: say(wEntryKey, l.lang)},
		{kind: keyTerminal, label: say(wTerminalKey, l.lang)},
		{kind: keyEmotion, label: say(wEmotionKey, l.lang)},
	}
	if l.hasReport {
		for i := len(gaps.Severities) - 1; i >= 0; i-- {
			sev := gaps.Severities[i]
			items = append(items, keyItem{kind: keySeverity, sev: sev, label: sev.Label().In(l.lang)})
		}
	}
	return items
}

// symbolWidth is the width of a key item's symbol.
func (l *layout) symbolWidth(it *keyItem) float64 {
	switch it.kind {
	case keyLine:
		return 44
	case keyCrisis, keyEntry, keyTerminal:
		return l.pillWidth(pillText(it.kind, l.lang))
	case keyEmotion:
		return emotionWidth(-2)
	}
	return 2 * (l.markR + ringGap)
}

// pillText is the word on a badge.
func pillText(k keyKind, lang string) string {
	switch k {
	case keyCrisis:
		return strings.ToUpper(say(wCrisis, lang))
	case keyEntry:
		return strings.ToUpper(say(wEntry, lang))
	}
	return strings.ToUpper(say(wTerminal, lang))
}

// pillWidth is the width of a badge that reads s.
func (l *layout) pillWidth(s string) float64 { return textWidth(s, smallFont, true) + 10 }

// emotionText writes an emotion with its sign, as a journey map does: −2, 0, +1.
func emotionText(e int) string {
	switch {
	case e < 0:
		return fmt.Sprintf("−%d", -e)
	case e > 0:
		return fmt.Sprintf("+%d", e)
	}
	return "0"
}

// emotionWidth is the width of an emotion's dot and number.
func emotionWidth(e int) float64 { return 9 + textWidth(emotionText(e), smallFont, true) }

// placeEntries lays the numbered findings out in two columns, or in one on a narrow
// drawing, the first column read top to bottom before the second.
func (l *layout) placeEntries(top float64) {
	lg := &l.legend
	if len(l.marks) == 0 {
		lg.bottom = top
		return
	}
	cols := 1
	if l.width >= 900 {
		cols = 2
	}
	colW := (l.width - 2*margin - float64(cols-1)*columnGap) / float64(cols)
	indent := 2*(l.markR+ringGap) + 8
	heights := make([]float64, len(l.marks))
	lg.entries = make([]entry, len(l.marks))
	var total float64
	for i := range l.marks {
		f := l.marks[i].f
		e := entry{mark: i, head: fitLine(f.Severity.Label().In(l.lang)+" · "+f.Rule.Label().In(l.lang), colW-indent, legendSize, true)}
		e.lines = wrap(f.Explanation.In(l.lang), colW-indent, legendSize, false, 0)
		lg.entries[i] = e
		heights[i] = float64(1+len(e.lines))*legendLead + entryGap
		total += heights[i]
	}
	split := len(heights)
	if cols == 2 {
		split = balance(heights, total)
	}
	var colBottom [2]float64
	y := top
	for i := range lg.entries {
		col := 0
		if i >= split {
			col = 1
		}
		if i == split {
			y = top
		}
		x := margin + float64(col)*(colW+columnGap)
		e := &lg.entries[i]
		e.at = point{x + l.markR + ringGap, y - 3.5}
		e.textX, e.y = x+indent, y
		y += heights[i]
		colBottom[col] = y
	}
	lg.bottom = max(colBottom[0], colBottom[1])
}

// balance returns the index of the first entry of the second column that makes the
// taller of the two columns as short as it can be.
func balance(heights []float64, total float64) int {
	best, bestH := len(heights), total
	var prefix float64
	for k := range heights {
		if h := max(prefix, total-prefix); h < bestH {
			best, bestH = k, h
		}
		prefix += heights[k]
	}
	return best
}
