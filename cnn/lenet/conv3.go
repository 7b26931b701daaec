package lenet

// C3 is the largest layer: 240,000 of a pass's 416,520 multiply-adds. conv3
// computes it with 115,200 of them, using Winograd's minimal filtering along
// the rows. Along a row, F(4, 5) computes 4 outputs of a 5-tap correlation
// from 8 inputs with 8 multiplications instead of 20. The 8 input values are
// transformed (V = Bᵀd), multiplied element by element with the transformed
// kernel row (U = Gg), and the 8 products are turned back into 4 outputs
// (Aᵀ(U⊙V)). The sums over input channels and kernel rows are taken between
// the two transforms, on the 8 products, so each output row is transformed
// back once.
//
// Along the columns conv3 stays a direct correlation. For one output
// channel, tile and transformed component, the 10 output rows are a 5-tap
// correlation of 14 transformed input rows: the same register-blocked strip
// as conv1's, with the 5 kernel values and 10 accumulators in locals. That
// product stage is most of the work. Under WebAssembly it runs as assembly
// (c3product, which also does the output transform), and so do the input
// and kernel transforms (winoInput, winoKernels); see kernels.go.
//
// The price is rounding: the transforms scale values by up to 8 before
// they cancel, so C3 differs from the reference by up to about 5e-6 of
// max(1, |value|) (TestForwardMatchesReference allows 1e-5), where the
// direct sum was exact.

// winoTiles is the number of 4-wide output tiles in a row of 10 (the last
// one is half used), each computed from 8 input columns.
const winoTiles = 3

// c3Scratch is the working memory of conv3: the transformed input V, the
// transformed kernels U, and one output channel's transformed sums M.
type c3Scratch struct {
	v [6 * winoTiles * 8 * 14]float32
	u [16 * 6 * 8 * 5]float32
	m [winoTiles * 8 * 10]float32
}

// winoKernelsGo transforms every row g of every C3 kernel into the 8 values
// U = G·g, where G is the kernel matrix of Winograd's F(4, 5) with the
// points 0, ±1, ±2, ±1/2 and ∞, scaled so that the input transform has
// small coefficients. u is indexed ((n*6+c)*8+j)*5 + ky.
func winoKernelsGo(u *[16 * 6 * 8 * 5]float32, w *[2400]float32) {
	for nc := range 16 * 6 {
		k := (*[25]float32)(w[nc*25:])
		o := (*[40]float32)(u[nc*40:])
		for ky := range 5 {
			g := (*[5]float32)(k[ky*5:])
			g0, g1, g2, g3, g4 := g[0], g[1], g[2], g[3], g[4]
			e, d := g0+g2+g4, g1+g3
			p := (g0 + 4*g2 + 16*g4) * (1.0 / 90)
			q := (2*g1 + 8*g3) * (1.0 / 90)
			s := (32*g0 + 8*g2 + 2*g4) * (1.0 / 45)
			t := (16*g1 + 4*g3) * (1.0 / 45)
			o[0*5+ky] = g0
			o[1*5+ky] = (e + d) * (-2.0 / 9)
			o[2*5+ky] = (e - d) * (-2.0 / 9)
			o[3*5+ky] = p + q
			o[4*5+ky] = p - q
			o[5*5+ky] = s + t
			o[6*5+ky] = s - t
			o[7*5+ky] = g4
		}
	}
}

// winoInputGo transforms every 8-column window of every input row, V = Bᵀ·d,
// for the three tiles of a row (columns 0–7, 4–11 and 8–15, where columns
// 14 and 15 are zero). v is indexed ((c*3+t)*8+j)*14 + y, so that the 14
// rows of one transformed column are contiguous.
func winoInputGo(v *[6 * winoTiles * 8 * 14]float32, in *[s2Len]float32) {
	for c := range 6 {
		for y := range 14 {
			r := (*[14]float32)(in[(c*14+y)*14:])
			for t := range winoTiles {
				var d [8]float32
				if t < 2 {
					d = *(*[8]float32)(r[4*t:])
				} else {
					d = [8]float32{r[8], r[9], r[10], r[11], r[12], r[13]}
				}
				o := (*[8 * 14]float32)(v[(c*winoTiles+t)*8*14:])
				p := d[2] - 4.25*d[4] + d[6]
				q := d[1] - 4.25*d[3] + d[5]
				o[0*14+y] = d[0] - d[6] + 5.25*(d[4]-d[2])
				o[1*14+y] = p + q
				o[2*14+y] = p - q
				p = 0.25*d[2] - 1.25*d[4] + d[6]
				q = 0.5*d[1] - 2.5*d[3] + 2*d[5]
				o[3*14+y] = p + q
				o[4*14+y] = p - q
				p = 4*d[2] - 5*d[4] + d[6]
				q = 2*d[1] - 2.5*d[3] + 0.5*d[5]
				o[5*14+y] = p + q
				o[6*14+y] = p - q
				o[7*14+y] = d[7] - d[1] + 5.25*(d[3]-d[5])
			}
		}
	}
}

// conv3 is C3 and its ReLU: in is 6×14×14, w is (16, 6, 5, 5), dst is
// 16×10×10. s is working memory; its contents on entry do not matter.
func conv3(dst *[c3Len]float32, in *[s2Len]float32, w *[2400]float32, b *[16]float32, s *c3Scratch) {
	winoKernels(&s.u, w)
	winoInput(&s.v, in)
	for n := range 16 {
		c3product((*[100]float32)(dst[n*100:]), &s.m, (*[6 * 8 * 5]float32)(s.u[n*240:]), &s.v, b[n])
	}
}
