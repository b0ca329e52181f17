package formats

import (
	"archive/zip"
	"bufio"
	"context"
	"fmt"
	"github.com/glapp/glapp/journeys"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"
)

// maxHeap is the heap a read of a 50 MB file may use: far below the file's size, so a
// parser that holds the file (or all its records) fails.
const maxHeap = 40 << 20

const bigFile = 50 << 20

// TestBoundedMemory generates a 50 MB CSV and a 50 MB QDPX and reads them, sampling the
// heap as records come out.
func TestBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and reads two 50 MB files")
	}
	dir := t.TempDir()
	t.Run("csv", func(t *testing.T) {
		name := filepath.Join(dir, "svar.csv")
		rows := writeBigCSV(t, name)
		opt := Options{CSV: CSVMapping{Text: "text", Participant: "deltagare", Date: "datum", Tags: "taggar", ID: "id"}}
		stats := readPeak(t, "csv", name, opt)
		if stats.Records != rows || stats.Redactions["PNR"] != (rows+99)/100 {
			t.Errorf("read %d records with %v; want %d with %d PNR", stats.Records, stats.Redactions, rows, (rows+99)/100)
		}
	})
	t.Run("qdpx", func(t *testing.T) {
		name := filepath.Join(dir, "projekt.qdpx")
		selections := writeBigQDPX(t, name)
		if stats := readPeak(t, "refi-qda", name, Options{}); stats.Records != selections {
			t.Errorf("read %d records; want %d", stats.Records, selections)
		}
	})
}

// readPeak reads the file at name and fails when the heap in use ever exceeds maxHeap.
func readPeak(t *testing.T, format journeys.ImportFormat, name string, opt Options) Stats {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	var ms runtime.MemStats
	var peak uint64
	sample := func() {
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapInuse)
	}
	runtime.GC()
	sample()
	n := 0
	stats, err := Read(context.Background(), format, f, info.Size(), filepath.Base(name), opt, func(r Record) error {
		if n++; n%32 == 0 {
			sample()
		}
		return nil
	})
	sample()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %.1f MB file, %d records, peak heap in use %.1f MB", filepath.Base(name), float64(info.Size())/(1<<20), stats.Records, float64(peak)/(1<<20))
	if info.Size() < bigFile {
		t.Errorf("generated only %d bytes", info.Size())
	}
	if peak > maxHeap {
		t.Errorf("peak heap in use %d MB; want below %d MB", peak>>20, maxHeap>>20)
	}
	return stats
}

var bigSentences = []string{
	"Jag ringde vårdcentralen flera gånger men kom aldrig fram till rätt person.",
	"Socialtjänsten sa att psykiatrin skulle höra av sig, och psykiatrin sa tvärtom.",
	"När jag skrevs ut fick jag en lapp med ett nummer och sen var det upp till mig.",
	"Ingen frågade hur det gick hemma, fast det var där allt föll isär.",
}

// writeBigCSV writes a CSV of at least bigFile bytes and returns its number of rows;
// every hundredth row holds a test personal number.
func writeBigCSV(t *testing.T, name string) int {
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "id,text,deltagare,datum,taggar")
	size, rows := 0, 0
	for size < bigFile {
		text := bigSentences[rows%len(bigSentences)] + " " + bigSentences[(rows+1)%len(bigSentences)]
		if rows%100 == 0 {
			text += " Mitt nummer är 19121212-1212."
		}
		n, _ := fmt.Fprintf(w, "r%d,\"%s\",Deltagare %d,2026-03-%02d,väntan;step:s%d\n", rows, text, rows%40, rows%28+1, rows%9)
		size += n
		rows++
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return rows
}

// writeBigQDPX writes a QDPX of at least bigFile bytes: 500 sources of about 100 kB, each
// with 40 coded selections, the texts stored uncompressed so the archive is as large as
// its content. It returns the number of selections.
func writeBigQDPX(t *testing.T, name string) int {
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	const sources, perSource, sentences = 500, 40, 340
	sentence := strings.Join(bigSentences, " ") + " "
	unit := utf8.RuneCountInString(sentence)
	qde, err := zw.Create("project.qde")
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(qde)
	fmt.Fprint(w, `<?xml version="1.0" encoding="utf-8"?>`+"\n"+`<Project xmlns="urn:QDA-XML:project:1.0" name="stor" origin="Test">`+"\n<CodeBook><Codes>")
	for c := 0; c < 10; c++ {
		fmt.Fprintf(w, `<Code guid="c-%d" name="Tema %d" isCodable="false"><Code guid="c-%d-x" name="step:s%d" isCodable="true"/></Code>`, c, c, c, c)
	}
	fmt.Fprint(w, "</Codes></CodeBook>\n<Cases>")
	for s := 0; s < sources; s++ {
		fmt.Fprintf(w, `<Case guid="case-%d" name="Deltagare %d"><SourceRef targetGUID="src-%d"/></Case>`, s, s, s)
	}
	fmt.Fprint(w, "</Cases>\n<Sources>\n")
	for s := 0; s < sources; s++ {
		fmt.Fprintf(w, `<TextSource guid="src-%d" name="Intervju %d" plainTextPath="internal://src-%d.txt">`, s, s, s)
		for k := 0; k < perSource; k++ {
			start := k * 8 * unit
			fmt.Fprintf(w, `<PlainTextSelection guid="sel-%d-%d" name="" startPosition="%d" endPosition="%d"><Coding guid="cd-%d-%d"><CodeRef targetGUID="c-%d-x"/></Coding></PlainTextSelection>`,
				s, k, start, start+unit-1, s, k, k%10)
		}
		fmt.Fprint(w, "</TextSource>\n")
	}
	fmt.Fprint(w, "</Sources>\n</Project>\n")
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	text := strings.Repeat(sentence, sentences)
	for s := 0; s < sources; s++ {
		tw, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("sources/src-%d.txt", s), Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(text))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return sources * perSource
}
