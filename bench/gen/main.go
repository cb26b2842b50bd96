// Command gen writes a synthetic Go module of repository/service/API code
// over database/sql, sqlx, pgx v5 and GORM, for benchmarking racelint
// against go vet and staticcheck.
//
//	go run ./bench/gen -n 200 -o /tmp/benchmod
//
// The module has -n packages: one platform package, one cmd/server main
// and, for each domain, a repo package (SQL through one of the four
// libraries, racy and safe functions mixed), a service package calling
// the repo (half through an interface it declares, half through the
// concrete type; racy and safe cross-package check-then-act) with a small
// test file, and an api package of HTTP handlers over the service.
// The module requires the library versions pinned in example/go.mod,
// whose go.sum it copies.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"log"
	"os"
	"path/filepath"
	"strings"
	"text/template"
)

var flavors = []string{"sql", "sqlx", "pgx", "gorm"}

var nouns = []string{
	"invoice", "order", "lead", "ticket", "coupon", "account", "shipment", "booking",
	"campaign", "subscription", "payout", "review", "device", "project", "task", "license",
	"refund", "voucher", "seat", "session",
}

type domain struct {
	Module   string
	Index    int
	Pkg      string // d007
	Flavor   string
	Noun     string // invoice
	Type     string // Invoice
	Table    string // invoices
	ViaIface bool
	Prev     *domain // the previous domain with the same flavor-independent repo, for cross-domain calls
}

func main() {
	n := flag.Int("n", 50, "number of packages (>= 5)")
	out := flag.String("o", "", "output directory (created; must not exist or be empty)")
	example := flag.String("example", "example", "the racelint example module directory whose go.mod/go.sum versions are reused")
	flag.Parse()
	if *out == "" || *n < 5 {
		log.Fatal("usage: gen -n N -o DIR (N >= 5)")
	}
	if ents, err := os.ReadDir(*out); err == nil && len(ents) > 0 {
		log.Fatalf("%s exists and is not empty", *out)
	}
	const module = "benchsvc.example/app"
	nd := (*n - 2) / 3
	extra := (*n - 2) - 3*nd // leftover packages: extra platform helper packages
	var ds []*domain
	for i := 0; i < nd; i++ {
		noun := nouns[i%len(nouns)]
		d := &domain{
			Module: module, Index: i, Pkg: fmt.Sprintf("d%03d", i), Flavor: flavors[i%len(flavors)],
			Noun: noun, Type: strings.ToUpper(noun[:1]) + noun[1:], Table: noun + "s", ViaIface: i%2 == 0,
		}
		if i > 0 {
			d.Prev = ds[i-1]
		}
		ds = append(ds, d)
	}
	write := func(rel string, tmpl *template.Template, data any) {
		var b bytes.Buffer
		if err := tmpl.Execute(&b, data); err != nil {
			log.Fatalf("%s: %v", rel, err)
		}
		src := b.Bytes()
		if strings.HasSuffix(rel, ".go") {
			f, err := format.Source(src)
			if err != nil {
				log.Fatalf("%s: %v\n%s", rel, err, src)
			}
			src = f
		}
		p := filepath.Join(*out, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(p, src, 0o644); err != nil {
			log.Fatal(err)
		}
	}
	gomod, err := os.ReadFile(filepath.Join(*example, "go.mod"))
	if err != nil {
		log.Fatal(err)
	}
	gosum, err := os.ReadFile(filepath.Join(*example, "go.sum"))
	if err != nil {
		log.Fatal(err)
	}
	mod := strings.Replace(string(gomod), "module github.com/racelint/racelint/example", "module "+module, 1)
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	os.WriteFile(filepath.Join(*out, "go.mod"), []byte(mod), 0o644)
	os.WriteFile(filepath.Join(*out, "go.sum"), gosum, 0o644)

	write("internal/platform/platform.go", tPlatform, module)
	for i := 0; i < extra; i++ {
		write(fmt.Sprintf("internal/platform/util%d/util.go", i), tUtil, i)
	}
	for _, d := range ds {
		write("internal/repo/"+d.Pkg+"/repo.go", repoTemplates[d.Flavor], d)
		write("internal/repo/"+d.Pkg+"/model.go", tModel, d)
		write("internal/service/"+d.Pkg+"/service.go", tService, d)
		write("internal/service/"+d.Pkg+"/service_test.go", tServiceTest, d)
		write("internal/api/"+d.Pkg+"/api.go", tAPI, d)
	}
	write("cmd/server/main.go", tMain, struct {
		Module  string
		Domains []*domain
	}{module, ds})
	fmt.Printf("generated %d packages (%d domains x repo/service/api + platform + %d util + cmd/server) in %s\n", 3*nd+2+extra, nd, extra, *out)
}

func mk(name, text string) *template.Template {
	return template.Must(template.New(name).Funcs(template.FuncMap{"bt": func() string { return "`" }}).Parse(text))
}
