package formats

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/glapp/glapp/journeys"
)

// readEvents reads an event log from a string, with case ids pseudonymised as "p:<id>".
func readEvents(t *testing.T, data string, m EventLogMapping, loc *time.Location) ([]journeys.Event, Stats, error) {
	t.Helper()
	var got []journeys.Event
	stats, err := ReadEvents(t.Context(), strings.NewReader(data), int64(len(data)), "log.csv", m, loc,
		func(id string) string { return "p:" + id }, func(e journeys.Event) error { got = append(got, e); return nil })
	return got, stats, err
}

func TestParseTimestamp(t *testing.T) {
	stockholm, _ := time.LoadLocation("Europe/Stockholm")
	for in, want := range map[string]string{
		"2026-03-14T09:30:00Z":          "2026-03-14T10:30:00+01:00",
		"2026-03-14T09:30:00+02:00":     "2026-03-14T08:30:00+01:00",
		"2026-03-14 09:30:00+0200":      "2026-03-14T08:30:00+01:00",
		"2026-03-14T09:30:00":           "2026-03-14T09:30:00+01:00", // no zone: the project's
		"2026-07-14 09:30":              "2026-07-14T09:30:00+02:00", // summer time in the zone
		"2026-03-14 09:30:00.123":       "2026-03-14T09:30:00+01:00",
		"2026-03-14":                    "2026-03-14T00:00:00+01:00",
		" 2026-03-14T09:30:00.5+01:00 ": "2026-03-14T09:30:00+01:00",
	} {
		got, ok := ParseTimestamp(in, stockholm)
		if !ok || got.Truncate(time.Second).Format(time.RFC3339) != want {
			t.Errorf("ParseTimestamp(%q) = %v, %v; want %s", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "14/3/2026", "igår", "2026-13-01"} {
		if _, ok := ParseTimestamp(bad, stockholm); ok {
			t.Errorf("ParseTimestamp(%q) is ok; want not", bad)
		}
	}
}

func TestReadEvents(t *testing.T) {
	stockholm, _ := time.LoadLocation("Europe/Stockholm")
	t.Run("Defaults", func(t *testing.T) {
		// Semicolons, a "step" column instead of "activity", header names in any case,
		// optional columns, a blank line, personal data in the text.
		log := "\uFEFFCase;Step;Actor;Timestamp;handoverType;Channel\r\n" +
			"k1;Ringer vårdcentralen på 070-123 45 67;Vårdcentral;2026-01-05T09:00:00;;phone\r\n" +
			"k1;Bedömning;Vårdcentral;2026-01-05T09:00:00;INTERNAL;\r\n" +
			";;;\r\n" +
			"k2;Mejlar anna@example.se;Psykiatri;2026-01-06;referral;digital\r\n"
		got, stats, err := readEvents(t, log, EventLogMapping{}, stockholm)
		if err != nil {
			t.Fatal(err)
		}
		want := []journeys.Event{
			{Case: "p:k1", Activity: "Ringer vårdcentralen på [TELEFON]", Actor: "Vårdcentral", Channel: journeys.ChannelPhone, Line: 2},
			{Case: "p:k1", Activity: "Bedömning", Actor: "Vårdcentral", HandoverType: journeys.HandoverInternal, Line: 3},
			{Case: "p:k2", Activity: "Mejlar [E-POST]", Actor: "Psykiatri", HandoverType: journeys.HandoverReferral, Channel: journeys.ChannelDigital, Line: 5},
		}
		if len(got) != len(want) {
			t.Fatalf("ReadEvents gave %d events; want %d: %+v", len(got), len(want), got)
		}
		for i := range want {
			g := got[i]
			g.Time = time.Time{}
			if g != want[i] {
				t.Errorf("event %d = %+v; want %+v", i, g, want[i])
			}
		}
		if !got[0].Time.Equal(got[1].Time) || got[2].Time.Format(time.RFC3339) != "2026-01-06T00:00:00+01:00" {
			t.Errorf("times = %v, %v, %v", got[0].Time, got[1].Time, got[2].Time)
		}
		if stats.Records != 3 || stats.Redactions["TELEFON"] != 1 || stats.Redactions["E-POST"] != 1 {
			t.Errorf("stats = %+v; want 3 records, one phone and one e-mail redacted", stats)
		}
	})
	t.Run("Mapping", func(t *testing.T) {
		log := "Ärende,Händelse,Enhet,Tid,Övrigt\nk1,Besök,VC,2026-01-05 10:00,x\n,Besök,VC,2026-01-05 10:00,\nk1,,VC,2026-01-05 10:00,\nk1,Besök,,2026-01-05 10:00,\n"
		got, stats, err := readEvents(t, log, EventLogMapping{Case: "ärende", Activity: "Händelse", Actor: "Enhet", Timestamp: "Tid"}, stockholm)
		if err != nil || len(got) != 1 || got[0].Activity != "Besök" || got[0].Actor != "VC" {
			t.Fatalf("ReadEvents(mapped) = %+v, %v; want one event", got, err)
		}
		if want := map[string]int{SkipNoCase: 1, SkipNoActivity: 1, SkipNoActor: 1}; stats.Skipped != 3 || !mapsEqual(stats.SkippedReasons, want) {
			t.Errorf("skipped = %d %v; want %v", stats.Skipped, stats.SkippedReasons, want)
		}
	})
	t.Run("CaseIDNeverLeaves", func(t *testing.T) {
		log := "case,activity,actor,timestamp\n19121212-1212,Besök,VC,2026-01-05\n"
		var seen []string
		_, err := ReadEvents(t.Context(), strings.NewReader(log), int64(len(log)), "log.csv", EventLogMapping{}, stockholm,
			func(id string) string { seen = append(seen, id); return "pseudo" }, func(e journeys.Event) error {
				if e.Case != "pseudo" {
					t.Errorf("event case = %q; want the pseudonym", e.Case)
				}
				return nil
			})
		if err != nil || !slices.Equal(seen, []string{"19121212-1212"}) {
			t.Errorf("pseudonymise saw %q, %v", seen, err)
		}
	})
	for name, tc := range map[string]struct {
		log, want string
	}{
		"ErrNoColumn":     {"case,activity,timestamp\n", `no column "actor"`},
		"ErrTimestamp":    {"case,activity,actor,timestamp\nk1,a,b,2026-01-05\nk1,a,b,14/3/2026\n", "line 3: The timestamp could not be read"},
		"ErrHandoverType": {"case,activity,actor,timestamp,handoverType\nk1,a,b,2026-01-05,remiss\n", "line 2: Unknown hand-over type"},
		"ErrChannel":      {"case,activity,actor,timestamp,channel\nk1,a,b,2026-01-05,brevduva\n", "line 2: Unknown channel"},
		"ErrEmpty":        {"", "empty"},
	} {
		t.Run(name, func(t *testing.T) {
			_, _, err := readEvents(t, tc.log, EventLogMapping{}, stockholm)
			if journeys.ErrorCode(err) != journeys.Invalid || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("ReadEvents = %v; want INVALID with %q", err, tc.want)
			}
		})
	}
	t.Run("ErrMappedColumnMissing", func(t *testing.T) {
		_, _, err := readEvents(t, "case,activity,actor,timestamp\n", EventLogMapping{Channel: "Kanal"}, stockholm)
		if journeys.ErrorCode(err) != journeys.Invalid || !strings.Contains(err.Error(), `"Kanal"`) {
			t.Errorf("ReadEvents(mapping names a missing optional column) = %v; want INVALID naming it", err)
		}
	})
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
