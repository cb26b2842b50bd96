package apimodel

const pkgMongo = "go.mongodb.org/mongo-driver/v2/mongo"

var libraryMongo = Library{
	ID: LibMongo, Name: "MongoDB Go driver v2 and v1", Imports: []string{pkgMongo}, Opaque: []string{"go.mongodb.org/"},
	// v1 has the collection, result and session API of v2 (its Session
	// is an interface, its callbacks take a SessionContext); options and
	// bson documents are recognised by shape, not by path.
	Forks: map[string]string{"go.mongodb.org/mongo-driver/mongo": pkgMongo},
	Store: StoreDocument, Builder: BuilderDocument, Methods: mongo,
	Sentinels: []SentinelVar{
		{pkgMongo, "ErrNoDocuments", NotFound},
	},
}

// doc returns a document-store table row.
func doc(recv, name string, role Role, filter, value int) Method {
	return Method{Pkg: pkgMongo, Recv: recv, Name: name, Role: role,
		SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: filter, Field: -1, Value: value}
}

// result returns the row of a result accessor that decodes into its
// argument dest (-1: none).
func result(recv, name string, dest int) Method {
	m := doc(recv, name, RoleResult, -1, -1)
	m.Dest = dest
	return m
}

// writeModel returns the row of a step of a BulkWrite model's chain:
// arguments count from the first (index 0; no ctx).
func writeModel(recv, name string, clause Clause, verb string) Method {
	m := doc(recv, name, RoleChain, -1, -1)
	m.Clause, m.Verb = clause, verb
	if clause != ClauseStart {
		m.Value = 0
	}
	return m
}

// mongo is the table for the MongoDB Go driver v2. Argument indexes
// count from ctx (index 0); options are recognised by their builders.
var mongo = []Method{
	doc("Collection", "FindOne", RoleRead, 1, -1),
	doc("Collection", "Find", RoleRead, 1, -1),
	doc("Collection", "CountDocuments", RoleCount, 1, -1),
	doc("Collection", "InsertOne", RoleInsert, -1, 1),
	doc("Collection", "InsertMany", RoleInsert, -1, 1),
	doc("Collection", "UpdateOne", RoleUpdate, 1, 2),
	doc("Collection", "UpdateMany", RoleUpdate, 1, 2),
	doc("Collection", "ReplaceOne", RoleUpdate, 1, 2),
	func() Method { m := doc("Collection", "UpdateByID", RoleUpdate, 1, 2); m.KeyIsID = true; return m }(),
	doc("Collection", "DeleteOne", RoleDelete, 1, -1),
	doc("Collection", "DeleteMany", RoleDelete, 1, -1),
	doc("Collection", "FindOneAndUpdate", RoleReadModify, 1, 2),
	doc("Collection", "FindOneAndReplace", RoleReadModify, 1, 2),
	doc("Collection", "FindOneAndDelete", RoleReadModify, 1, -1),
	doc("Collection", "BulkWrite", RoleBulkWrite, -1, 1),
	// The write models BulkWrite runs, built by chains:
	// NewUpdateOneModel().SetFilter(f).SetUpdate(u).SetUpsert(true).
	writeModel("", "NewUpdateOneModel", ClauseStart, "UPDATE"),
	writeModel("", "NewReplaceOneModel", ClauseStart, "REPLACE"),
	writeModel("", "NewDeleteOneModel", ClauseStart, "DELETE"),
	writeModel("", "NewInsertOneModel", ClauseStart, "INSERT"),
	writeModel("UpdateOneModel", "SetFilter", ClauseWhere, ""),
	writeModel("UpdateOneModel", "SetUpdate", ClauseSet, ""),
	writeModel("UpdateOneModel", "SetUpsert", ClauseConflict, ""),
	writeModel("ReplaceOneModel", "SetFilter", ClauseWhere, ""),
	writeModel("ReplaceOneModel", "SetReplacement", ClauseSet, ""),
	writeModel("ReplaceOneModel", "SetUpsert", ClauseConflict, ""),
	writeModel("DeleteOneModel", "SetFilter", ClauseWhere, ""),
	writeModel("InsertOneModel", "SetDocument", ClauseSet, ""),
	result("SingleResult", "Decode", 0),
	result("SingleResult", "Err", -1),
	result("Cursor", "All", 1),
	result("Cursor", "Decode", 0),
	doc("Cursor", "Next", RoleNext, -1, -1),
	doc("Database", "Collection", RoleTable, 0, -1),
	// WithTransaction runs fn in a snapshot transaction whose write
	// conflicts abort it, and retries it: it serialises like WATCH.
	{Pkg: pkgMongo, Recv: "Session", Name: "WithTransaction", Role: RoleTxFunc, Retries: true, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: 1, Key: -1, Field: -1, Value: -1},
}

// mongoResultCounts are the fields of write results that report how many
// documents matched or changed.
var mongoResultCounts = map[string]bool{"MatchedCount": true, "ModifiedCount": true, "UpsertedCount": true, "DeletedCount": true}

// IsCountField reports whether a field of a write's result reports the
// affected-row count (GORM RowsAffected, Mongo MatchedCount...).
func IsCountField(name string) bool {
	return name == "RowsAffected" || mongoResultCounts[name]
}
