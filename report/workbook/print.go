package workbook

// pageSetup applies g.print to its sheet.
func (b *builder) pageSetup(g *grid) {}
