package gaps_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	goldenfile "github.com/glapp/glapp/internal/golden"

	"github.com/glapp/glapp/demo"
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
	"github.com/google/go-cmp/cmp"
)

// demoReports analyses every demo journey in the demo project, as the service would.
func demoReports(t *testing.T) []gaps.JourneyReport {
	t.Helper()
	actors, err := demo.Actors()
	if err != nil {
		t.Fatalf("demo.Actors() = %v", err)
	}
	byID := make(map[string]journeys.Actor, len(actors))
	for _, a := range actors {
		byID[a.ID] = a
	}
	js, err := demo.Journeys()
	if err != nil {
		t.Fatalf("demo.Journeys() = %v", err)
	}
	reports := make([]gaps.JourneyReport, len(js))
	for i := range js {
		reports[i] = mustAnalyze(t, &js[i], byID, journeys.DefaultSettings())
	}
	return reports
}

// golden compares got with testdata/golden/name, or writes it there with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", "golden", name), got, "go test ./journeys/gaps -run Golden -update")
}

// TestGolden_DemoReports keeps each demo journey's gap report, as the engine makes it, in
// a golden file; package reports keeps the Markdown and CSV made from them.
func TestGolden_DemoReports(t *testing.T) {
	reports := demoReports(t)
	for _, r := range reports {
		t.Run(r.Journey.ID, func(t *testing.T) {
			b, err := json.MarshalIndent(r, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden(t, r.Journey.ID+".json", append(b, '\n'))
		})
	}
}

func TestGolden_DemoCurrentStateFiresEveryRule(t *testing.T) {
	fired := map[gaps.Rule]bool{}
	for _, r := range demoReports(t) {
		if r.Journey.Kind != journeys.KindAsIs {
			continue
		}
		for _, f := range r.Findings {
			fired[f.Rule] = true
		}
	}
	for _, info := range gaps.Rules() {
		if !fired[info.Rule] {
			t.Errorf("no current-state demo journey fires %s", info.Rule)
		}
	}
}

func TestGolden_DemoDesiredStateIsClean(t *testing.T) {
	n := 0
	for _, r := range demoReports(t) {
		if r.Journey.Kind != journeys.KindToBe {
			continue
		}
		n++
		if len(r.Findings) > 0 || len(r.Unknowns) > 0 {
			t.Errorf("%s: findings %v, unknowns %d; want none in a desired-state journey", r.Journey.ID, describe(r), len(r.Unknowns))
		}
	}
	if n == 0 {
		t.Error("the demo has no desired-state journey")
	}
}

// rulesMDRow matches a row of demo/RULES.md's table of expected findings:
// | `rule` | `journey` | `id`, `id`, ... | why |
var rulesMDRow = regexp.MustCompile("^\\| `([a-z_]+)` \\| `([a-z0-9-]+)` \\| (.*?) \\| .* \\|$")

// TestGolden_DemoMatchesRulesMD compares the engine's findings with what demo/RULES.md says
// each rule should fire on. A ping_pong entry there is the loop's hand-overs in path
// order, joined by →.
func TestGolden_DemoMatchesRulesMD(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "demo", "RULES.md"))
	if err != nil {
		t.Skipf("demo/RULES.md: %v", err)
	}
	want := map[string][]string{}
	for _, line := range strings.Split(string(b), "\n") {
		m := rulesMDRow.FindStringSubmatch(line)
		if m == nil || m[1] == "unknowns" {
			continue
		}
		key := m[1] + " " + m[2]
		for _, id := range strings.Split(m[3], ", ") {
			want[key] = append(want[key], strings.Trim(id, "`"))
		}
		slices.Sort(want[key])
	}
	if len(want) < 25 {
		t.Fatalf("read only %d rows of expected findings from demo/RULES.md; has its table changed shape?", len(want))
	}
	got := map[string][]string{}
	for _, r := range demoReports(t) {
		for _, f := range r.Findings {
			key := string(f.Rule) + " " + r.Journey.ID
			got[key] = append(got[key], strings.Join(f.Subject, "→"))
		}
	}
	for key := range got {
		slices.Sort(got[key])
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings differ from demo/RULES.md (-RULES.md +engine):\n%s", diff)
	}
}
