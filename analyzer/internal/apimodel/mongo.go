package apimodel

const pkgMongo = "go.mongodb.org/mongo-driver/v2/mongo"

var libraryMongo = Library{
	ID: LibMongo, Name: "MongoDB Go driver v2", Imports: []string{pkgMongo}, Opaque: []string{"go.mongodb.org/"},
	Store: StoreDocument, Builder: BuilderDocument, Methods: mongo,
	Sentinels: []SentinelVar{
		{pkgMongo, "ErrNoDocuments", NotFound},
		{"go.mongodb.org/mongo-driver/mongo", "ErrNoDocuments", NotFound},
	},
}

// doc returns a document-store table row.
func doc(recv, name string, role Role, filter, value int) Method {
	return Method{Pkg: pkgMongo, Recv: recv, Name: name, Role: role,
		SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: filter, Field: -1, Value: value}
}

// mongo is the table for the MongoDB Go driver v2. Argument indexes
// count from ctx (index 0); options are recognised by their builders.
var mongo = []Method{
	doc("Collection", "FindOne", RoleDocRead, 1, -1),
	doc("Collection", "Find", RoleDocRead, 1, -1),
	doc("Collection", "CountDocuments", RoleDocCount, 1, -1),
	doc("Collection", "InsertOne", RoleDocInsert, -1, 1),
	doc("Collection", "InsertMany", RoleDocInsert, -1, 1),
	doc("Collection", "UpdateOne", RoleDocUpdate, 1, 2),
	doc("Collection", "UpdateMany", RoleDocUpdate, 1, 2),
	doc("Collection", "ReplaceOne", RoleDocUpdate, 1, 2),
	doc("Collection", "UpdateByID", RoleDocUpdateByID, 1, 2),
	doc("Collection", "DeleteOne", RoleDocDelete, 1, -1),
	doc("Collection", "DeleteMany", RoleDocDelete, 1, -1),
	doc("Collection", "FindOneAndUpdate", RoleDocFindModify, 1, 2),
	doc("Collection", "FindOneAndReplace", RoleDocFindModify, 1, 2),
	doc("Collection", "FindOneAndDelete", RoleDocFindModify, 1, -1),
	doc("SingleResult", "Decode", RoleDocResult, -1, -1),
	doc("SingleResult", "Err", RoleDocResult, -1, -1),
	doc("Cursor", "All", RoleDocResult, -1, -1),
	doc("Cursor", "Decode", RoleDocResult, -1, -1),
	doc("Cursor", "Next", RoleNext, -1, -1),
	doc("Database", "Collection", RoleDocCollection, 0, -1),
	// WithTransaction runs fn in a snapshot transaction whose write
	// conflicts abort it, and retries it: it serialises like WATCH.
	{Pkg: pkgMongo, Recv: "Session", Name: "WithTransaction", Role: RoleKVWatch, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: 1, Key: -1, Field: -1, Value: -1},
}

// mongoResultCounts are the fields of write results that report how many
// documents matched or changed.
var mongoResultCounts = map[string]bool{"MatchedCount": true, "ModifiedCount": true, "UpsertedCount": true, "DeletedCount": true}

// IsCountField reports whether a field of a write's result reports the
// affected-row count (GORM RowsAffected, Mongo MatchedCount...).
func IsCountField(name string) bool {
	return name == "RowsAffected" || mongoResultCounts[name]
}
