// Package samples holds the fictitious sample exports and parameters that
// the beschut binary embeds: gemeente Deventer, 2017-K1 … 2023-K2. They
// are written by the generator in samples/generate, which is not part of
// the binary; the example region in samples/regio is not embedded.
package samples

import (
	"embed"
	"io/fs"
)

//go:embed *.csv
var exportFiles embed.FS

// Parameters is samples/parameters.conf: the sample parameters and
// Deventer's own words for its documents.
//
//go:embed parameters.conf
var Parameters []byte

// Exports is the folder of sample exports, as an fs.FS.
var Exports fs.FS = exportFiles
