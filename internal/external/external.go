// Package external finds the programs some tests run to look at the outputs
// as a user's tools would (LibreOffice, poppler, qpdf, PDFBox, openpyxl).
// The test command (./test) installs them; a test fails when one is
// missing, naming the exact Debian package, unless BESCHUT_SKIP_EXTERNAL=1
// says on purpose that this machine has none.
package external

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Packages names the Debian package that provides each program, jar or
// Python module the tests use. ./test installs exactly these.
var Packages = map[string]string{
	"pdftotext":   "poppler-utils",
	"pdftoppm":    "poppler-utils",
	"pdfinfo":     "poppler-utils",
	"qpdf":        "qpdf",
	"libreoffice": "libreoffice-calc-nogui",
	"soffice":     "libreoffice-calc-nogui",
	"java":        "default-jre-headless",
	"python3":     "python3",
	// Python modules.
	"openpyxl": "python3-openpyxl",
	// Jars under /usr/share/java, for PDFBox preflight.
	"preflight.jar":        "libpdfbox2-java",
	"pdfbox2.jar":          "libpdfbox2-java",
	"xmpbox.jar":           "libpdfbox2-java",
	"fontbox2.jar":         "libfontbox2-java",
	"commons-logging.jar":  "libcommons-logging-java",
	"jaxb-api.jar":         "libjaxb-api-java",
	"javax.activation.jar": "libactivation-java",
}

// JarDir is where Debian installs jars.
const JarDir = "/usr/share/java/"

// missing ends the test for a missing dependency what.
func missing(t testing.TB, what string) {
	t.Helper()
	if os.Getenv("BESCHUT_SKIP_EXTERNAL") == "1" {
		t.Skipf("%s not installed and BESCHUT_SKIP_EXTERNAL=1", what)
		return
	}
	pkg := Packages[what]
	if pkg == "" {
		pkg = "(unknown: add it to internal/external.Packages)"
	}
	t.Fatalf("%s is not installed: run ./test, or apt-get install %s (set BESCHUT_SKIP_EXTERNAL=1 to skip on purpose)", what, pkg)
}

// Require returns the path of program, or ends the test.
func Require(t testing.TB, program string) string {
	t.Helper()
	path, err := exec.LookPath(program)
	if err != nil {
		missing(t, program)
	}
	return path
}

// RequireJar returns the path of a jar under JarDir (name like
// "preflight.jar"), or ends the test.
func RequireJar(t testing.TB, name string) string {
	t.Helper()
	path := JarDir + name
	if _, err := os.Stat(path); err != nil {
		missing(t, name)
	}
	return path
}

// RequirePython returns a python3 that can import module: the one on
// PATH, or the system's /usr/bin/python3, where Debian's python3-* packages
// install modules (a pyenv python on PATH does not see them); or ends the
// test.
func RequirePython(t testing.TB, module string) string {
	t.Helper()
	for _, py := range []string{Require(t, "python3"), "/usr/bin/python3"} {
		if exec.Command(py, "-c", "import "+module).Run() == nil {
			return py
		}
	}
	missing(t, module)
	return ""
}

// PDFBox returns java and the class path of Apache PDFBox preflight, the
// external witness of PDF/A, or ends the test naming the missing package.
func PDFBox(t testing.TB) (java, classpath string) {
	t.Helper()
	java = Require(t, "java")
	var jars []string
	for _, j := range []string{"preflight.jar", "pdfbox2.jar", "fontbox2.jar", "xmpbox.jar", "commons-logging.jar", "jaxb-api.jar", "javax.activation.jar"} {
		jars = append(jars, RequireJar(t, j))
	}
	return java, strings.Join(jars, ":")
}
