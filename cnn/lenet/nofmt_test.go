package lenet

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"text/tabwriter"
)

// WriteSummary lays its table out by hand; it must look exactly as
// text/tabwriter with AlignRight lays it out.
func TestWriteSummaryTableMatchesTabwriter(t *testing.T) {
	var want strings.Builder
	tw := tabwriter.NewWriter(&want, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "layer\toperation\tinput → output\tparameters\tformula\tMACs\tconnections\t")
	for _, l := range Layers {
		fmt.Fprintf(tw, "%s\t%s\t%v → %v\t%s\t%s\t%s\t%s\t\n", l.Name, l.Operation(), l.In, l.Out,
			Thousands(l.Cost.Params()), l.Formula, Thousands(l.Cost.MACs), Thousands(l.Cost.Connections))
	}
	if err := tw.Flush(); err != nil {
		t.Fatal(err)
	}
	var got strings.Builder
	if err := WriteSummary(&got); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got.String(), want.String()) {
		t.Errorf("the table is\n%s\ntabwriter lays it out as\n%s", got.String(), want.String())
	}
}

func TestAlignRight(t *testing.T) {
	got := alignRight([][]string{{"a", "bbb"}, {"cc", "→"}}, 2)
	want := "   a  bbb\n  cc    →\n"
	if got != want {
		t.Errorf("alignRight = %q, want %q", got, want)
	}
}

func TestMagicQuoted(t *testing.T) {
	if magicQuoted != strconv.Quote(Magic) {
		t.Errorf("magicQuoted is %s, strconv.Quote gives %s", magicQuoted, strconv.Quote(Magic))
	}
}
