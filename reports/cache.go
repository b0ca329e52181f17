package reports

import (
	"strconv"
	"sync/atomic"

	"github.com/glapp/glapp/internal/lru"
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
)

// DefaultAnalysisCacheBytes bounds the analyses a server keeps unless told otherwise
// (GLAPP_ANALYSIS_CACHE_BYTES): room for the 1,000 journeys of 50 steps of the project
// report benchmark, whose reports hold about 93 MB.
const DefaultAnalysisCacheBytes = 128 << 20

// AnalysisCache keeps journeys' gap reports across project reports, keyed by project,
// journey id and version, the project's Stamp.Inputs and the options that change a
// report, so that after one journey changes a project report analyses that journey
// alone again. A key names the state it was made from, so an entry is never stale.
type AnalysisCache struct {
	c      *lru.Cache[*gaps.JourneyReport]
	misses atomic.Int64
}

// Misses is how many journeys were analysed because the cache did not hold their
// report.
func (c *AnalysisCache) Misses() int64 { return c.misses.Load() }

// NewAnalysisCache returns a cache of about max bytes of reports.
func NewAnalysisCache(max int64) *AnalysisCache {
	return &AnalysisCache{c: lru.New[*gaps.JourneyReport](max)}
}

// analysisKey names what a journey's report is made from.
func analysisKey(projectID string, j *journeys.Journey, inputs int64, opt Options) string {
	return projectID + "\x00" + j.ID + "\x00" + strconv.FormatInt(j.Version, 10) + "\x00" +
		strconv.FormatInt(inputs, 10) + "\x00" + strconv.FormatBool(opt.IncludeDismissed)
}

// reportBytes estimates what a report holds in memory: about 800 bytes a finding (two
// languages of explanation, evidence quoted) and 200 an unknown.
func reportBytes(r *gaps.JourneyReport) int64 {
	return int64(len(r.Findings))*800 + int64(len(r.Unknowns))*200 + 512
}

func (c *AnalysisCache) get(key string) (*gaps.JourneyReport, bool) {
	if c == nil {
		return nil, false
	}
	r, ok := c.c.Get(key)
	if !ok {
		c.misses.Add(1)
	}
	return r, ok
}

func (c *AnalysisCache) put(key string, r *gaps.JourneyReport) {
	if c != nil {
		c.c.Put(key, r, reportBytes(r))
	}
}
