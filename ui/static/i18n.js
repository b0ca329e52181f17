// Swedish and English words for the page. Swedish is the default, as it is the projects'
// working language; the choice is kept in localStorage (it is not a secret).

const LANG_KEY = "glapp.lang";

const strings = {
  sv: {
    "app.skip": "Hoppa till innehållet",
    "app.loading": "Laddar …",
    "app.mainMenu": "Huvudmeny",
    "app.projects": "Projekt",
    "app.otherLanguage": "English",
    "app.largeText": "Stor text",
    "app.logout": "Logga ut",
    "app.role": "Roll: {role}",
    "app.notFound": "Sidan finns inte.",
    "app.backToProjects": "Till projektlistan",
    "app.breadcrumb": "Du är här",
    "msg.close": "Stäng meddelandet",
    "msg.error": "Något gick fel",
    "msg.network": "Servern svarar inte. Kontrollera anslutningen och försök igen.",
    "msg.loggedOut": "Du är utloggad. Token är borttagen från webbläsaren.",
    "msg.badToken": "Token godtas inte. Den kan vara fel, återkallad eller för gammal.",

    "login.title": "Logga in",
    "login.intro": "Ange din token för Glapps API. Den sparas bara i den här fliken och försvinner när du stänger fliken eller loggar ut.",
    "login.label": "Token",
    "login.submit": "Logga in",
    "login.required": "Ange en token.",

    "projects.title": "Projekt",
    "projects.none": "Din token har inga projekt.",

    "project.journeys": "Resor",
    "project.report": "Gap-rapport för hela projektet",
    "project.noJourneys": "Projektet har inga resor ännu.",
    "project.caption": "Resor i projektet med antal fynd per allvarlighet",
    "project.journey": "Resa",
    "project.kind": "Typ",
    "project.targetGroup": "Målgrupp",
    "project.steps": "Steg",
    "project.handovers": "Överlämningar",
    "project.findings": "Fynd",

    "journey.persona": "Persona och bakgrund",
    "journey.map": "Resekarta",
    "journey.mapHelp": "Välj ett steg eller en överlämning i kartan – med musen, eller med Tab och Enter – för att se dess uppgifter, underlag och fynd. Esc stänger panelen.",
    "journey.mapLabel": "Resekarta för {title}",
    "journey.diagramMissing": "Kartan kan inte visas just nu ({detail}). Stegen och överlämningarna finns i listan nedan.",
    "journey.zoom": "Zoomning",
    "journey.zoomIn": "Zooma in",
    "journey.zoomOut": "Zooma ut",
    "journey.zoomFit": "Anpassa till bredden",
    "journey.elements": "Steg och överlämningar som lista",
    "journey.findingsSummary": "{n} fynd i resan",

    "panel.close": "Stäng",
    "panel.step": "Steg",
    "panel.handover": "Överlämning",
    "panel.fields": "Uppgifter",
    "panel.insights": "Underlag kopplat hit",
    "panel.noInsights": "Inget underlag är kopplat hit.",
    "panel.findings": "Fynd",
    "panel.noFindings": "Inga fynd berör det här.",
    "panel.unknowns": "Att fråga vid nästa intervju",
    "panel.noUnknowns": "Inga obesvarade frågor.",
    "panel.unknownElement": "Det här elementet finns inte i resan.",

    "field.id": "Id",
    "field.stage": "Fas",
    "field.actor": "Aktör",
    "field.channel": "Kanal",
    "field.marks": "Kännetecken",
    "field.entry": "ingång",
    "field.terminal": "avslut",
    "field.crisis": "kris",
    "field.contactPerson": "Kontaktperson",
    "field.wait": "Väntan",
    "field.waitValue": "förväntat {expected}, observerat {observed} dagar",
    "field.emotion": "Känsla (−3 till 3)",
    "field.from": "Från",
    "field.to": "Till",
    "field.type": "Typ",
    "field.responsible": "Ansvarig under överlämningen",
    "field.information": "Information som följer med",
    "field.acknowledged": "Mottagaren bekräftar",
    "field.followUp": "Avsändaren följer upp",
    "value.yes": "ja",
    "value.no": "nej",
    "value.unknown": "inte känt",

    "finding.journey": "Resa",
    "finding.stage": "Fas",
    "finding.evidence": "Underlag",
    "finding.why": "Varför",
    "finding.noEvidence": "Inget underlag än.",
    "finding.moreEvidence": "De {shown} starkaste av {count} visas; alla finns under stegen och överlämningarna i kartan.",
    "finding.triage": "Beslut",
    "finding.reason": "skäl",
    "finding.note": "förslag",
    "finding.actions": "Beslut om fyndet",
    "finding.confirm": "Bekräfta",
    "finding.dismiss": "Avfärda …",
    "finding.address": "Åtgärdad …",
    "finding.undo": "Ångra beslut",
    "finding.saved": "Beslutet är sparat: {status}.",
    "finding.undone": "Beslutet är borttaget.",
    "evidence.source": "källa {source}",
    "evidence.sentiment": "känsla {sentiment}",

    "dialog.dismissTitle": "Avfärda fyndet",
    "dialog.reason": "Varför avfärdas fyndet?",
    "dialog.addressTitle": "Markera fyndet som åtgärdat",
    "dialog.note": "Vilket förslag åtgärdar glappet? Ange förslagets id.",
    "dialog.save": "Spara",
    "dialog.cancel": "Avbryt",
    "dialog.required": "Fyll i fältet.",

    "report.title": "Gap-rapport",
    "report.filters": "Filter",
    "report.rule": "Regel",
    "report.category": "Kategori",
    "report.minSeverity": "Lägsta allvarlighet",
    "report.severity": "Allvarlighet",
    "report.journeyKind": "Typ av resa",
    "report.targetGroup": "Målgrupp",
    "report.actor": "Aktör",
    "report.actorPair": "Från → till",
    "report.includeDismissed": "Ta med avfärdade fynd",
    "report.any": "Alla",
    "report.apply": "Visa",
    "report.reset": "Rensa filtren",
    "report.summary": "Sammanfattning",
    "report.bySeverity": "Fynd per allvarlighet",
    "report.byRule": "Fynd per regel",
    "report.byActorPair": "Fynd per aktörspar",
    "report.byStage": "Fynd per fas",
    "report.count": "Fynd",
    "report.evidence": "Underlag",
    "report.total": "Totalt",
    "report.findings": "Fynd",
    "report.none": "Inga fynd med de här filtren.",
    "report.download": "Ladda ner",
    "report.csv": "Ladda ner CSV",
    "report.md": "Ladda ner Markdown",
    "report.unknownsCsv": "Ladda ner frågor om okända uppgifter (CSV)",
    "report.downloaded": "{file} är nedladdad.",
    "report.inJourneys": "{n} fynd i {journeys} resor.",
  },
  en: {
    "app.skip": "Skip to content",
    "app.loading": "Loading …",
    "app.mainMenu": "Main menu",
    "app.projects": "Projects",
    "app.otherLanguage": "Svenska",
    "app.largeText": "Large text",
    "app.logout": "Log out",
    "app.role": "Role: {role}",
    "app.notFound": "There is no such page.",
    "app.backToProjects": "Back to the projects",
    "app.breadcrumb": "You are here",
    "msg.close": "Close the message",
    "msg.error": "Something went wrong",
    "msg.network": "The server does not answer. Check the connection and try again.",
    "msg.loggedOut": "You are logged out. The token was removed from the browser.",
    "msg.badToken": "The token is not accepted. It may be wrong, revoked or expired.",

    "login.title": "Log in",
    "login.intro": "Enter your token for the Glapp API. It is kept only in this tab and is gone when you close the tab or log out.",
    "login.label": "Token",
    "login.submit": "Log in",
    "login.required": "Enter a token.",

    "projects.title": "Projects",
    "projects.none": "Your token holds no projects.",

    "project.journeys": "Journeys",
    "project.report": "Gap report for the whole project",
    "project.noJourneys": "The project has no journeys yet.",
    "project.caption": "Journeys in the project with the number of findings by severity",
    "project.journey": "Journey",
    "project.kind": "Kind",
    "project.targetGroup": "Target group",
    "project.steps": "Steps",
    "project.handovers": "Hand-overs",
    "project.findings": "Findings",

    "journey.persona": "Persona and background",
    "journey.map": "Journey map",
    "journey.mapHelp": "Choose a step or a hand-over in the map – with the mouse, or with Tab and Enter – to see its fields, evidence and findings. Esc closes the panel.",
    "journey.mapLabel": "Journey map of {title}",
    "journey.diagramMissing": "The map cannot be shown right now ({detail}). The steps and hand-overs are in the list below.",
    "journey.zoom": "Zoom",
    "journey.zoomIn": "Zoom in",
    "journey.zoomOut": "Zoom out",
    "journey.zoomFit": "Fit to width",
    "journey.elements": "Steps and hand-overs as a list",
    "journey.findingsSummary": "{n} findings in the journey",

    "panel.close": "Close",
    "panel.step": "Step",
    "panel.handover": "Hand-over",
    "panel.fields": "Fields",
    "panel.insights": "Evidence tied to it",
    "panel.noInsights": "No evidence is tied to it.",
    "panel.findings": "Findings",
    "panel.noFindings": "No findings concern it.",
    "panel.unknowns": "To ask at the next interview",
    "panel.noUnknowns": "No open questions.",
    "panel.unknownElement": "This element is not in the journey.",

    "field.id": "Id",
    "field.stage": "Stage",
    "field.actor": "Actor",
    "field.channel": "Channel",
    "field.marks": "Marks",
    "field.entry": "entry",
    "field.terminal": "end",
    "field.crisis": "crisis",
    "field.contactPerson": "Contact person",
    "field.wait": "Wait",
    "field.waitValue": "expected {expected}, observed {observed} days",
    "field.emotion": "Emotion (−3 to 3)",
    "field.from": "From",
    "field.to": "To",
    "field.type": "Type",
    "field.responsible": "Responsible in transit",
    "field.information": "Information that follows",
    "field.acknowledged": "Receiver acknowledges",
    "field.followUp": "Sender follows up",
    "value.yes": "yes",
    "value.no": "no",
    "value.unknown": "not known",

    "finding.journey": "Journey",
    "finding.stage": "Stage",
    "finding.evidence": "Evidence",
    "finding.why": "Why",
    "finding.noEvidence": "No evidence yet.",
    "finding.moreEvidence": "The {shown} strongest of {count} are shown; all of them are under the steps and hand-overs in the map.",
    "finding.triage": "Decision",
    "finding.reason": "reason",
    "finding.note": "proposal",
    "finding.actions": "Decision about the finding",
    "finding.confirm": "Confirm",
    "finding.dismiss": "Dismiss …",
    "finding.address": "Addressed …",
    "finding.undo": "Undo decision",
    "finding.saved": "The decision is saved: {status}.",
    "finding.undone": "The decision is removed.",
    "evidence.source": "source {source}",
    "evidence.sentiment": "sentiment {sentiment}",

    "dialog.dismissTitle": "Dismiss the finding",
    "dialog.reason": "Why is the finding dismissed?",
    "dialog.addressTitle": "Mark the finding as addressed",
    "dialog.note": "Which proposal addresses the gap? Give the proposal's id.",
    "dialog.save": "Save",
    "dialog.cancel": "Cancel",
    "dialog.required": "Fill in the field.",

    "report.title": "Gap report",
    "report.filters": "Filters",
    "report.rule": "Rule",
    "report.category": "Category",
    "report.minSeverity": "Lowest severity",
    "report.severity": "Severity",
    "report.journeyKind": "Kind of journey",
    "report.targetGroup": "Target group",
    "report.actor": "Actor",
    "report.actorPair": "From → to",
    "report.includeDismissed": "Include dismissed findings",
    "report.any": "All",
    "report.apply": "Show",
    "report.reset": "Clear the filters",
    "report.summary": "Summary",
    "report.bySeverity": "Findings by severity",
    "report.byRule": "Findings by rule",
    "report.byActorPair": "Findings by actor pair",
    "report.byStage": "Findings by stage",
    "report.count": "Findings",
    "report.evidence": "Evidence",
    "report.total": "Total",
    "report.findings": "Findings",
    "report.none": "No findings with these filters.",
    "report.download": "Download",
    "report.csv": "Download CSV",
    "report.md": "Download Markdown",
    "report.unknownsCsv": "Download questions about unknowns (CSV)",
    "report.downloaded": "{file} is downloaded.",
    "report.inJourneys": "{n} findings in {journeys} journeys.",
  },
};

// Labels of the API's enum values, [Swedish, English], as the reports and diagrams word them.
const labels = {
  severity: {
    critical: ["Kritisk", "Critical"], high: ["Hög", "High"],
    medium: ["Medel", "Medium"], low: ["Låg", "Low"],
  },
  category: {
    responsibility: ["Ansvar", "Responsibility"], transition: ["Övergång", "Transition"],
    information: ["Information", "Information"], follow_up: ["Uppföljning", "Follow-up"],
    continuity: ["Kontinuitet", "Continuity"], navigation: ["Navigering", "Navigation"],
    access: ["Tillgänglighet", "Access"], coordination: ["Samordning", "Coordination"],
    data: ["Data", "Data"], experience: ["Upplevelse", "Experience"],
  },
  journeyKind: {
    as_is: ["Nuläge", "Current state"], to_be: ["Önskat läge", "Desired state"],
    lived: ["Levd resa", "Lived journey"],
  },
  ageGroup: { adult: ["Vuxna", "Adults"], child: ["Barn och unga", "Children and young people"], any: ["Alla åldrar", "All ages"] },
  sector: {
    region: ["Region", "Region"], municipality: ["Kommun", "Municipality"],
    civil_society: ["Civilsamhälle", "Civil society"], private: ["Privat", "Private"],
    national: ["Nationell", "National"], family: ["Familj", "Family"],
  },
  channel: {
    phone: ["Telefon", "Phone"], digital: ["Digitalt", "Digital"], visit: ["Besök", "Visit"],
    home_visit: ["Hembesök", "Home visit"], letter: ["Brev", "Letter"], chat: ["Chatt", "Chat"],
    other: ["Annat", "Other"],
  },
  handoverType: {
    referral: ["Remiss", "Referral"], consultation: ["Konsultation", "Consultation"],
    joint_planning: ["Samordnad planering (SIP)", "Joint planning (SIP)"],
    discharge: ["Utskrivning", "Discharge"],
    advice_to_contact: ["Uppmaning att ta kontakt", "Advice to make contact"],
    self_referral: ["Egen vårdbegäran", "Self-referral"], internal: ["Internt", "Internal"],
  },
  information: {
    full: ["all", "full"], partial: ["delvis", "partial"], none: ["ingen", "none"],
    unknown: ["okänd", "unknown"],
  },
  insightKind: {
    quote: ["Citat", "Quote"], observation: ["Observation", "Observation"],
    pain_point: ["Problem", "Pain point"], hypothesis: ["Hypotes", "Hypothesis"],
    idea: ["Idé", "Idea"],
  },
  insightStatus: {
    hypothesis: ["hypotes", "hypothesis"], validated: ["validerad", "validated"],
    rejected: ["avvisad", "rejected"],
  },
  triage: {
    confirmed: ["bekräftad", "confirmed"], dismissed: ["avfärdad", "dismissed"],
    addressed: ["åtgärdad", "addressed"],
  },
  role: {
    admin: ["administratör", "admin"], lead: ["projektledare", "lead"],
    analyst: ["analytiker", "analyst"], integration: ["integration", "integration"],
    metrics: ["mätvärden", "metrics"],
  },
};

/** severities lists the severities from the worst down, as reports rank them. */
export const severities = ["critical", "high", "medium", "low"];

let current = localStorage.getItem(LANG_KEY) === "en" ? "en" : "sv";

/** lang returns the page's language, "sv" or "en". */
export function lang() {
  return current;
}

/** setLang switches the page's language and remembers the choice. */
export function setLang(l) {
  current = l === "en" ? "en" : "sv";
  localStorage.setItem(LANG_KEY, current);
  document.documentElement.lang = current;
}

/** t returns the string for key in the current language, with {name} replaced from vars. */
export function t(key, vars = {}) {
  const s = strings[current][key] ?? strings.sv[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

/** label returns the label of an API enum value, or the value itself when it has none. */
export function label(group, value) {
  const pair = labels[group]?.[value];
  return pair ? pair[current === "en" ? 1 : 0] : String(value ?? "");
}

/** pick returns the current language's text of a {sv, en} object from the API. */
export function pick(text) {
  if (!text || typeof text !== "object") return text ?? "";
  return text[current] || text.sv || text.en || "";
}
