package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/glapp/glapp/imports"
	"github.com/glapp/glapp/imports/formats"
	"github.com/glapp/glapp/journeys"
)

// importCmd imports evidence files, or event logs as lived journeys, straight into the
// store, one file per import, with a progress bar for large files:
//
//	glapp import --project demo --format csv --csv-text Anteckning notes.csv
//	glapp import --project demo --format eventlog --planned vuxen-onskat-lage log.csv
func importCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("import", " FILE...", "import evidence files straight into the store, one file per transaction")
	project := fs.String("project", "", "project id (required)")
	format := fs.String("format", "", "the files' format, one of "+journeys.FormatList(journeys.ImportFormatNames())+" (default: from each file's extension)")
	dataDir := fs.String("data-dir", envString(getenv, "GLAPP_DATA_DIR", "./data"), "directory of the embedded store (GLAPP_DATA_DIR)")
	mappingFile := fs.String("mapping", "", "JSON file mapping code names to element references, e.g. {\"Väntan\":[\"handover:j1/h2\"]}")
	var m formats.CSVMapping
	fs.StringVar(&m.Text, "csv-text", "", "CSV column holding the text (required for csv)")
	fs.StringVar(&m.Participant, "csv-participant", "", "CSV column holding the participant's alias")
	fs.StringVar(&m.Role, "csv-role", "", "CSV column holding the participant's role")
	fs.StringVar(&m.Date, "csv-date", "", "CSV column holding the date")
	fs.StringVar(&m.Tags, "csv-tags", "", "CSV column holding tags or codes")
	fs.StringVar(&m.Source, "csv-source", "", "CSV column naming the interview or workshop")
	fs.StringVar(&m.ID, "csv-id", "", "CSV column holding the row's own id")
	fs.StringVar(&m.TagSeparator, "csv-tag-separator", "", "separator between tags in the tags column (default ;)")
	var req imports.Request
	fs.StringVar(&req.Planned, "planned", "", "eventlog: id of the journey the cases follow")
	fs.StringVar(&req.EventLog.Case, "eventlog-case", "", "eventlog: column holding the case id (default case)")
	fs.StringVar(&req.EventLog.Activity, "eventlog-activity", "", "eventlog: column holding the activity (default activity, or step)")
	fs.StringVar(&req.EventLog.Actor, "eventlog-actor", "", "eventlog: column holding the actor (default actor)")
	fs.StringVar(&req.EventLog.Timestamp, "eventlog-timestamp", "", "eventlog: column holding the timestamp (default timestamp)")
	fs.StringVar(&req.EventLog.HandoverType, "eventlog-handover-type", "", "eventlog: column holding the hand-over type (default handoverType, if present)")
	fs.StringVar(&req.EventLog.Channel, "eventlog-channel", "", "eventlog: column holding the channel (default channel, if present)")
	if help, err := parseFlags(fs, args, stdout); help || err != nil {
		return err
	}
	if *project == "" || fs.NArg() == 0 {
		return usagef(fs.Name(), "import needs --project and one or more files")
	}
	fileFormats := make([]journeys.ImportFormat, fs.NArg())
	for i, path := range fs.Args() {
		f, ok := journeys.ImportFormat(*format), *format != ""
		if !ok {
			f, ok = journeys.ImportFormatOf(path)
		}
		if !f.Known() || !ok {
			return usagef(fs.Name(), "say --format for %s: one of %s", path, journeys.FormatList(journeys.ImportFormatNames()))
		}
		fileFormats[i] = f
	}
	var mapping map[string][]string
	if *mappingFile != "" {
		b, err := os.ReadFile(*mappingFile)
		if err != nil {
			return err
		}
		if err := journeys.DecodeStrict(b, &mapping); err != nil {
			return fmt.Errorf("%s: %w", *mappingFile, err)
		}
	}
	store, err := openStore(*dataDir, getenv, journeys.Limits{})
	if err != nil {
		return err
	}
	defer store.Close()
	svc := imports.Service{Store: store}
	for i, path := range fs.Args() {
		req := req
		req.Format, req.CSV, req.Mapping = fileFormats[i], m, mapping
		if err := importFile(ctx, svc, *project, path, req, stdout, stderr); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	return nil
}

func importFile(ctx context.Context, svc imports.Service, project, path string, req imports.Request, stdout, stderr io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	kib := int(max(1, info.Size()/1024))
	bar := newProgress(stderr, kib, "KiB of "+filepath.Base(path)+" read")
	req.Name, req.File, req.Size = filepath.Base(path), f, info.Size()
	req.Progress = func(read, size int64) { bar.set(int(read / 1024)) }
	report, err := svc.Run(ctx, project, req)
	if err != nil {
		if v := journeys.ErrorViolations(err); len(v) > 0 {
			b, _ := json.Marshal(v)
			return fmt.Errorf("%w %s", err, b)
		}
		return err
	}
	bar.set(kib)
	if req.Format.Lived() {
		fmt.Fprintf(stdout, "%s: %d events, %d skipped%s; %d cases: %d journeys created, %d updated, %d unchanged; %d actors created; redactions%s; %d ms\n",
			filepath.Base(path), report.Records, report.Skipped, counted(report.SkippedReasons), report.Cases,
			report.Created, report.Updated, report.Unchanged, report.ActorsCreated, counted(report.Redactions), report.DurationMs)
		return nil
	}
	fmt.Fprintf(stdout, "%s: %d records: %d created, %d updated, %d unchanged, %d unlinked, %d skipped%s; %d sources created; redactions%s; %d ms\n",
		filepath.Base(path), report.Records, report.Created, report.Updated, report.Unchanged, report.Unlinked, report.Skipped,
		counted(report.SkippedReasons), report.SourcesCreated, counted(report.Redactions), report.DurationMs)
	return nil
}

// counted renders counts by kind as " (kind n, ...)", sorted, or " none".
func counted(m map[string]int) string {
	if len(m) == 0 {
		return " none"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	s := " ("
	for i, k := range keys {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%s %d", k, m[k])
	}
	return s + ")"
}
