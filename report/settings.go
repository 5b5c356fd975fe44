package report

import "time"

// DefaultUitvoerder names the SW-bedrijf when a gemeente's settings do not.
const DefaultUitvoerder = "het SW-bedrijf"

// GemeenteSettings are a gemeente's own words for its documents, from its
// section in the parameters file. Every field has a documented fallback;
// the methods apply it, so no renderer decides a fallback itself.
type GemeenteSettings struct {
	Naam               string   // display name in official documents ("'s-Hertogenbosch"); "" = the export's name
	CBSCode            string   // e.g. "GM0150"; when set, used in file names
	Uitvoerder         string   // the SW-bedrijf ("KonnecteD"); "" = DefaultUitvoerder
	Kader              []string // the kader documents; empty = the Participatiewet only
	Portefeuillehouder string   // "" = none
	Team               string   // "" = none
	Templates          string   // templates folder, resolved against the parameters file; "" = the default templates
}

// DisplayName is the gemeente's name as written in official documents.
func (s GemeenteSettings) DisplayName(gemeente string) string {
	if s.Naam != "" {
		return s.Naam
	}
	return gemeente
}

// UitvoerderNaam is the SW-bedrijf's name, or the neutral DefaultUitvoerder.
func (s GemeenteSettings) UitvoerderNaam() string {
	if s.Uitvoerder != "" {
		return s.Uitvoerder
	}
	return DefaultUitvoerder
}

// KaderList is the kader list, or the Participatiewet alone.
func (s GemeenteSettings) KaderList() []string {
	if len(s.Kader) > 0 {
		return s.Kader
	}
	return []string{"Participatiewet"}
}

// Publicatie is what the griffie gives the raadsmededeling of one gemeente
// on one peildatum. Without a Nummer the document is a concept.
type Publicatie struct {
	Nummer  string    // "" = concept
	Datum   time.Time // zero = none given
	Duiding string    // path of the policy team's own text for this quarter; "" = none
}
