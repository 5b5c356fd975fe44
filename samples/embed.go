// Package samples holds the fictitious sample exports and parameters that
// the beschut binary embeds, and the deterministic generator that writes them.
package samples

import (
	"embed"
	"io/fs"
)

//go:embed *.csv
var exportFiles embed.FS

//go:embed parameters.conf
var Parameters []byte

// Exports is the folder of sample exports, as an fs.FS.
var Exports fs.FS = exportFiles
