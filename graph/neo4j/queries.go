package neo4j

import (
	"embed"
	"fmt"
	"strings"
)

// cypherFiles holds every statement the store runs, one per file, so that the Cypher can
// be read, reviewed and linted (scripts/lint-cypher.sh) as Cypher rather than as Go
// strings.
//
//go:embed cypher/*.cypher
var cypherFiles embed.FS

// statement is one Cypher statement and the file it came from, which error messages name.
type statement struct {
	name   string
	cypher string
}

// loaded records which files load has read, so that a test can tell an embedded file
// that no Go code asks for.
var loaded = map[string]bool{}

// load returns the statement in cypher/name. It panics when there is no such file: the
// names are constants in this file, so a typo stops every test of the package at start-up
// instead of surfacing as a failed request in production.
func load(name string) statement {
	data, err := cypherFiles.ReadFile("cypher/" + name)
	if err != nil {
		panic(fmt.Sprintf("neo4j: no embedded statement %s: %v", name, err))
	}
	loaded[name] = true
	return statement{name: name, cypher: string(data)}
}

// The statements, by the noun they work on. Each file says what it does and what it
// returns; queries_test.go checks that every file is loaded here and every statement is
// used.
var (
	qSchema = load("schema.cypher")
	qPing   = load("ping.cypher")

	qCheckConstraints = load("check_constraints.cypher")
	qCheckIndexes     = load("check_indexes.cypher")
	qCheckCounts      = load("check_counts.cypher")

	qProjectCreate = load("project_create.cypher")
	qProjectGet    = load("project_get.cypher")
	qProjectList   = load("project_list.cypher")
	qProjectLock   = load("project_lock.cypher")
	qProjectUnlock = load("project_unlock.cypher")
	qProjectStamp  = load("project_stamp.cypher")
	qProjectUpdate = load("project_update.cypher")
	qProjectDelete = load("project_delete.cypher")

	qSettingsGet = load("settings_get.cypher")
	qSettingsPut = load("settings_put.cypher")

	qProjectSecretGet = load("project_secret_get.cypher")
	qProjectSecretSet = load("project_secret_set.cypher")

	qActorGet    = load("actor_get.cypher")
	qActorAll    = load("actor_all.cypher")
	qActorList   = load("actor_list.cypher")
	qActorUpsert = load("actor_upsert.cypher")
	qActorUsers  = load("actor_users.cypher")
	qActorDelete = load("actor_delete.cypher")

	qSourceGet    = load("source_get.cypher")
	qSourceList   = load("source_list.cypher")
	qSourceUpsert = load("source_upsert.cypher")
	qSourceDelete = load("source_delete.cypher")
	qSourceByIDs  = load("source_by_ids.cypher")

	qTriageGet    = load("triage_get.cypher")
	qTriageList   = load("triage_list.cypher")
	qTriageUpsert = load("triage_upsert.cypher")
	qTriageDelete = load("triage_delete.cypher")

	qProposalGet    = load("proposal_get.cypher")
	qProposalList   = load("proposal_list.cypher")
	qProposalPut    = load("proposal_put.cypher")
	qProposalDelete = load("proposal_delete.cypher")
	qProposalTriage = load("proposal_triage.cypher")
	qGoalGet        = load("goal_get.cypher")
	qGoalList       = load("goal_list.cypher")
	qGoalUpsert     = load("goal_upsert.cypher")
	qGoalDelete     = load("goal_delete.cypher")
	qGoalUsers      = load("goal_users.cypher")
	qMeasureGet     = load("measure_get.cypher")
	qMeasureList    = load("measure_list.cypher")
	qMeasureUpsert  = load("measure_upsert.cypher")
	qMeasureDelete  = load("measure_delete.cypher")
	qMeasureUsers   = load("measure_users.cypher")
	qNeedGet        = load("need_get.cypher")
	qNeedList       = load("need_list.cypher")
	qNeedUpsert     = load("need_upsert.cypher")
	qNeedDelete     = load("need_delete.cypher")
	qNeedUsers      = load("need_users.cypher")
	qNeedIDs        = load("need_ids.cypher")
	qNeedAll        = load("need_all.cypher")

	qEvidenceGet       = load("evidence_get.cypher")
	qEvidenceByIDs     = load("evidence_by_ids.cypher")
	qEvidenceList      = load("evidence_list.cypher")
	qEvidenceUpsert    = load("evidence_upsert.cypher")
	qEvidenceAbout     = load("evidence_about.cypher")
	qEvidenceInJourney = load("evidence_in_journey.cypher")
	qEvidenceDelete    = load("evidence_delete.cypher")
	qDeliveryRecord    = load("delivery_record.cypher")

	qWebhookGet    = load("webhook_get.cypher")
	qWebhookList   = load("webhook_list.cypher")
	qWebhookUpsert = load("webhook_upsert.cypher")
	qWebhookDelete = load("webhook_delete.cypher")

	qAuditAppend  = load("audit_append.cypher")
	qAuditList    = load("audit_list.cypher")
	qAuditPrune   = load("audit_prune.cypher")
	qAuditEach    = load("audit_each.cypher")
	qAuditRestore = load("audit_restore.cypher")

	qTokenCreate  = load("token_create.cypher")
	qTokenByHash  = load("token_by_hash.cypher")
	qTokenList    = load("token_list.cypher")
	qTokenDelete  = load("token_delete.cypher")
	qTokenEach    = load("token_each.cypher")
	qTokenRestore = load("token_restore.cypher")

	qIdempotencyClaim    = load("idempotency_claim.cypher")
	qIdempotencyPrune    = load("idempotency_prune.cypher")
	qIdempotencyComplete = load("idempotency_complete.cypher")
	qIdempotencyRelease  = load("idempotency_release.cypher")

	qJourneyGet       = load("journey_get.cypher")
	qJourneyEach      = load("journey_each.cypher")
	qJourneyList      = load("journey_list.cypher")
	qJourneyPut       = load("journey_put.cypher")
	qJourneyClear     = load("journey_clear.cypher")
	qJourneyStages    = load("journey_stages.cypher")
	qJourneySteps     = load("journey_steps.cypher")
	qJourneyHandovers = load("journey_handovers.cypher")
	qJourneyInsights  = load("journey_insights.cypher")
	qJourneyAbout     = load("journey_about.cypher")
	qJourneyDelete    = load("journey_delete.cypher")

	qVersionPut     = load("version_put.cypher")
	qVersionGet     = load("version_get.cypher")
	qVersionList    = load("version_list.cypher")
	qVersionLatest  = load("version_latest.cypher")
	qVersionEach    = load("version_each.cypher")
	qVersionPurge   = load("version_purge.cypher")
	qVersionExpired = load("version_expired.cypher")
	qVersionDelete  = load("version_delete.cypher")
	qBaselinePut    = load("baseline_put.cypher")
	qBaselineGet    = load("baseline_get.cypher")
	qBaselineList   = load("baseline_list.cypher")
	qBaselineDelete = load("baseline_delete.cypher")
	qBaselinePins   = load("baseline_pins.cypher")
)

// schemaStatements splits cypher/schema.cypher into its statements, which end with a
// semicolon at the end of a line; the driver runs one statement per call. Comment lines
// are dropped so that a comment holding a semicolon cannot split a statement.
func schemaStatements() []statement {
	var out []statement
	var b strings.Builder
	flush := func() {
		if text := strings.TrimSpace(b.String()); text != "" {
			out = append(out, statement{name: fmt.Sprintf("%s#%d", qSchema.name, len(out)+1), cypher: text})
		}
		b.Reset()
	}
	for _, line := range strings.Split(qSchema.cypher, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "//") {
			continue
		}
		if strings.HasSuffix(trimmed, ";") {
			b.WriteString(strings.TrimSuffix(trimmed, ";"))
			flush()
			continue
		}
		b.WriteString(line)
		b.WriteString("\n")
	}
	flush()
	return out
}
