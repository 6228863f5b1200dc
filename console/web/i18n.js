// Labels in English and French; t(key) in the language chosen (saved in
// localStorage, else the browser's).
"use strict";
const LABELS = {
  en: {
    "nav.search": "Search", "nav.review": "Review queue",
    "auth.token": "Token", "auth.use": "Use",
    "search.title": "Find a customer", "search.name": "Name",
    "search.phone": "Phone", "search.email": "E-mail",
    "search.customer_id": "Customer id", "search.city": "City",
    "search.none": "No customer found.", "search.hint":
      "Type a name, a phone (4+ digits), an e-mail or a customer id.",
    "search.matched": "matched",
    "profile.golden": "Customer", "profile.identifiers": "Identifiers",
    "profile.records": "Records by channel", "profile.timeline": "Interactions",
    "profile.cases": "Open cases", "profile.consents": "Consents",
    "profile.facts": "Facts given", "profile.audit": "Audit trail",
    "profile.explain": "Why are these together?", "profile.actions": "Actions",
    "profile.redirected": "merged into", "profile.source": "from",
    "profile.none": "None.", "profile.granted": "granted",
    "profile.withdrawn": "withdrawn", "profile.possible": "Possible matches",
    "field.name": "Name", "field.birth_date": "Birth date",
    "field.gender": "Gender", "field.address": "Address",
    "field.emails": "E-mails", "field.phones": "Phones",
    "field.organization": "Organisation",
    "action.reason": "Reason (required)", "action.split": "Split selected records",
    "action.merge": "Merge with profile", "action.merge_id": "Other profile id",
    "action.delete": "Delete", "action.explain_pair": "Compare selected records",
    "action.explain_profile": "Explain this profile",
    "action.need_reason": "A reason is required.",
    "action.select_two": "Select exactly two records to compare.",
    "action.select_some": "Select the records to split out.",
    "action.done": "Done", "action.confirm_delete": "Delete record",
    "review.title": "Possible matches to review", "review.same": "Same person",
    "review.different": "Different people", "review.empty": "Nothing to review.",
    "review.more": "More", "review.score": "score",
    "audit.none": "No audit entry.", "audit.denied": "Audit not allowed for this token.",
    "error.unauthenticated": "A token is required (top right).",
  },
  fr: {
    "nav.search": "Recherche", "nav.review": "File de revue",
    "auth.token": "Jeton", "auth.use": "Utiliser",
    "search.title": "Trouver un client", "search.name": "Nom",
    "search.phone": "Téléphone", "search.email": "E-mail",
    "search.customer_id": "N° client", "search.city": "Ville",
    "search.none": "Aucun client trouvé.", "search.hint":
      "Saisissez un nom, un téléphone (4 chiffres ou plus), un e-mail ou un n° client.",
    "search.matched": "correspond",
    "profile.golden": "Client", "profile.identifiers": "Identifiants",
    "profile.records": "Fiches par canal", "profile.timeline": "Interactions",
    "profile.cases": "Dossiers ouverts", "profile.consents": "Consentements",
    "profile.facts": "Informations données", "profile.audit": "Historique d'audit",
    "profile.explain": "Pourquoi sont-ils ensemble ?", "profile.actions": "Actions",
    "profile.redirected": "fusionné dans", "profile.source": "de",
    "profile.none": "Aucun.", "profile.granted": "accordé",
    "profile.withdrawn": "retiré", "profile.possible": "Correspondances possibles",
    "field.name": "Nom", "field.birth_date": "Date de naissance",
    "field.gender": "Genre", "field.address": "Adresse",
    "field.emails": "E-mails", "field.phones": "Téléphones",
    "field.organization": "Organisation",
    "action.reason": "Motif (obligatoire)", "action.split": "Séparer les fiches choisies",
    "action.merge": "Fusionner avec le profil", "action.merge_id": "Autre profil",
    "action.delete": "Supprimer", "action.explain_pair": "Comparer les fiches choisies",
    "action.explain_profile": "Expliquer ce profil",
    "action.need_reason": "Un motif est obligatoire.",
    "action.select_two": "Choisissez exactement deux fiches à comparer.",
    "action.select_some": "Choisissez les fiches à séparer.",
    "action.done": "Fait", "action.confirm_delete": "Supprimer la fiche",
    "review.title": "Correspondances possibles à revoir", "review.same": "Même personne",
    "review.different": "Personnes différentes", "review.empty": "Rien à revoir.",
    "review.more": "Suite", "review.score": "score",
    "audit.none": "Aucune entrée d'audit.", "audit.denied": "Audit non autorisé pour ce jeton.",
    "error.unauthenticated": "Un jeton est nécessaire (en haut à droite).",
  },
};
let lang = localStorage.getItem("idres.lang") ||
    ((navigator.language || "en").startsWith("fr") ? "fr" : "en");
function t(key) { return (LABELS[lang] && LABELS[lang][key]) || LABELS.en[key] || key; }
function setLang(l) { lang = l; localStorage.setItem("idres.lang", l); }
function applyStaticLabels() {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll("[data-i18n]")) {
    el.textContent = t(el.dataset.i18n);
  }
  document.getElementById("lang").textContent = lang === "fr" ? "EN" : "FR";
}
