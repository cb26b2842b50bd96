package apimodel

// Migration frameworks run each migration once, in order, under their own
// lock or version table: code they run does not race with itself, so
// racelint leaves it out by default (Config.Migrations reports it).

// libraryMigrationTools are the migration frameworks: their own code is
// never summarised (it is not the application's), and the functions they
// are handed are migrations (see migrationFrameworks).
var libraryMigrationTools = Library{
	ID:   LibMigrationTools,
	Name: "migration frameworks",
	Opaque: []string{
		"github.com/pressly/goose", "github.com/go-gormigrate/gormigrate", "gopkg.in/gormigrate",
		"github.com/techknowlogick/xormigrate", "xorm.io/xorm/migrate", "github.com/golang-migrate/migrate",
		"github.com/rubenv/sql-migrate", "ariga.io/atlas", "github.com/maragudk/migrate", "maragu.dev/migrate",
	},
}

// migrationFramework is how one framework is handed migration code:
// functions passed to Register calls, or func-typed fields of Types.
type migrationFramework struct {
	Pkg      string
	Register []string // functions whose function arguments are migrations
	Types    []string // struct types whose func fields are migrations
}

var migrationFrameworks = []migrationFramework{
	{Pkg: "github.com/pressly/goose/v3", Register: []string{
		"AddMigration", "AddMigrationContext", "AddMigrationNoTx", "AddMigrationNoTxContext",
		"AddNamedMigration", "AddNamedMigrationContext", "AddNamedMigrationNoTx", "AddNamedMigrationNoTxContext",
		"NewGoMigration"}, Types: []string{"Migration", "GoFunc"}},
	{Pkg: "github.com/pressly/goose", Register: []string{"AddMigration", "AddNamedMigration"}},
	{Pkg: "github.com/go-gormigrate/gormigrate/v2", Types: []string{"Migration"}},
	{Pkg: "gopkg.in/gormigrate.v1", Types: []string{"Migration"}},
	{Pkg: "github.com/techknowlogick/xormigrate", Types: []string{"Migration"}},
	{Pkg: "xorm.io/xorm/migrate", Types: []string{"Migration"}},
	// maragu's migrate runs Options.Before and Options.After around each
	// SQL file, in its own transaction, once per version.
	{Pkg: "github.com/maragudk/migrate", Types: []string{"Options"}},
	{Pkg: "maragu.dev/migrate", Types: []string{"Options"}},
}

// IsMigrationRegistration reports whether pkg.name registers the
// functions it is given as migrations (goose.AddMigration).
func IsMigrationRegistration(pkg, name string) bool {
	for _, f := range migrationFrameworks {
		if f.Pkg == pkg {
			for _, r := range f.Register {
				if r == name {
					return true
				}
			}
		}
	}
	return false
}

// IsMigrationType reports whether pkg.name is a migration struct whose
// func fields a framework runs (gormigrate.Migration{Migrate: ...}).
func IsMigrationType(pkg, name string) bool {
	for _, f := range migrationFrameworks {
		if f.Pkg == pkg {
			for _, t := range f.Types {
				if t == name {
					return true
				}
			}
		}
	}
	return false
}
