// Package mongo is a shape-only stub of go.mongodb.org/mongo-driver/v2/mongo synthesized for racelint's tests; signatures match go.mongodb.org/mongo-driver/v2@v2.10.0.
package mongo

import (
	"context"
	"errors"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// ErrNoDocuments is returned by SingleResult when the operation matched no document.
var ErrNoDocuments = errors.New("mongo: no documents in result")

// IsDuplicateKeyError reports whether err is a duplicate key error.
func IsDuplicateKeyError(err error) bool { return false }

// Client is a handle to a deployment.
type Client struct{}

// Connect creates a client.
func Connect(opts ...*options.ClientOptions) (*Client, error) { return &Client{}, nil }

// Disconnect closes the client.
func (c *Client) Disconnect(ctx context.Context) error { return nil }

// Database returns a handle to a database.
func (c *Client) Database(name string, opts ...options.Lister[options.DatabaseOptions]) *Database {
	return &Database{client: c, name: name}
}

// StartSession starts a session.
func (c *Client) StartSession(opts ...options.Lister[options.SessionOptions]) (*Session, error) {
	return &Session{}, nil
}

// UseSession runs fn in a new session.
func (c *Client) UseSession(ctx context.Context, fn func(context.Context) error) error { return nil }

// Database is a handle to a database.
type Database struct {
	client *Client
	name   string
}

// Client returns the database's client.
func (db *Database) Client() *Client { return db.client }

// Name returns the database name.
func (db *Database) Name() string { return db.name }

// Collection returns a handle to a collection.
func (db *Database) Collection(name string, opts ...options.Lister[options.CollectionOptions]) *Collection {
	return &Collection{db: db, name: name}
}

// Session is a logical session.
type Session struct{}

// EndSession ends the session.
func (s *Session) EndSession(ctx context.Context) {}

// WithTransaction runs fn in a transaction, retrying on transient errors.
func (s *Session) WithTransaction(
	ctx context.Context,
	fn func(ctx context.Context) (any, error),
	opts ...options.Lister[options.TransactionOptions],
) (any, error) {
	return nil, nil
}

// Collection is a handle to a collection.
type Collection struct {
	db   *Database
	name string
}

// Name returns the collection name.
func (coll *Collection) Name() string { return coll.name }

// Database returns the collection's database.
func (coll *Collection) Database() *Database { return coll.db }

// InsertOne inserts a document.
func (coll *Collection) InsertOne(ctx context.Context, document any,
	opts ...options.Lister[options.InsertOneOptions],
) (*InsertOneResult, error) {
	return &InsertOneResult{}, nil
}

// InsertMany inserts documents.
func (coll *Collection) InsertMany(
	ctx context.Context,
	documents any,
	opts ...options.Lister[options.InsertManyOptions],
) (*InsertManyResult, error) {
	return &InsertManyResult{}, nil
}

// DeleteOne deletes at most one document.
func (coll *Collection) DeleteOne(
	ctx context.Context,
	filter any,
	opts ...options.Lister[options.DeleteOneOptions],
) (*DeleteResult, error) {
	return &DeleteResult{}, nil
}

// DeleteMany deletes the matching documents.
func (coll *Collection) DeleteMany(
	ctx context.Context,
	filter any,
	opts ...options.Lister[options.DeleteManyOptions],
) (*DeleteResult, error) {
	return &DeleteResult{}, nil
}

// UpdateByID updates the document with the given _id.
func (coll *Collection) UpdateByID(
	ctx context.Context,
	id any,
	update any,
	opts ...options.Lister[options.UpdateOneOptions],
) (*UpdateResult, error) {
	return &UpdateResult{}, nil
}

// UpdateOne updates at most one document.
func (coll *Collection) UpdateOne(
	ctx context.Context,
	filter any,
	update any,
	opts ...options.Lister[options.UpdateOneOptions],
) (*UpdateResult, error) {
	return &UpdateResult{}, nil
}

// UpdateMany updates the matching documents.
func (coll *Collection) UpdateMany(
	ctx context.Context,
	filter any,
	update any,
	opts ...options.Lister[options.UpdateManyOptions],
) (*UpdateResult, error) {
	return &UpdateResult{}, nil
}

// ReplaceOne replaces at most one document.
func (coll *Collection) ReplaceOne(
	ctx context.Context,
	filter any,
	replacement any,
	opts ...options.Lister[options.ReplaceOptions],
) (*UpdateResult, error) {
	return &UpdateResult{}, nil
}

// CountDocuments counts the matching documents.
func (coll *Collection) CountDocuments(ctx context.Context, filter any,
	opts ...options.Lister[options.CountOptions],
) (int64, error) {
	return 0, nil
}

// Find returns a cursor over the matching documents.
func (coll *Collection) Find(ctx context.Context, filter any,
	opts ...options.Lister[options.FindOptions],
) (*Cursor, error) {
	return &Cursor{}, nil
}

// FindOne returns at most one matching document.
func (coll *Collection) FindOne(ctx context.Context, filter any,
	opts ...options.Lister[options.FindOneOptions],
) *SingleResult {
	return &SingleResult{}
}

// FindOneAndReplace replaces a document and returns it.
func (coll *Collection) FindOneAndReplace(
	ctx context.Context,
	filter any,
	replacement any,
	opts ...options.Lister[options.FindOneAndReplaceOptions],
) *SingleResult {
	return &SingleResult{}
}

// FindOneAndUpdate updates a document and returns it.
func (coll *Collection) FindOneAndUpdate(
	ctx context.Context,
	filter any,
	update any,
	opts ...options.Lister[options.FindOneAndUpdateOptions],
) *SingleResult {
	return &SingleResult{}
}

// SingleResult is the result of a single-document read.
type SingleResult struct {
	ctx context.Context
	err error
	cur *Cursor
}

// Decode decodes the document into v.
func (sr *SingleResult) Decode(v any) error { return sr.err }

// Raw returns the raw document.
func (sr *SingleResult) Raw() (bson.Raw, error) { return nil, sr.err }

// Err returns the operation's error.
func (sr *SingleResult) Err() error { return sr.err }

// Cursor iterates over documents.
type Cursor struct {
	Current bson.Raw

	err error
}

// ID returns the cursor ID.
func (c *Cursor) ID() int64 { return 0 }

// Next advances the cursor.
func (c *Cursor) Next(ctx context.Context) bool { return false }

// TryNext advances the cursor without blocking.
func (c *Cursor) TryNext(ctx context.Context) bool { return false }

// Decode decodes the current document into val.
func (c *Cursor) Decode(val any) error { return nil }

// Err returns the cursor's error.
func (c *Cursor) Err() error { return c.err }

// Close closes the cursor.
func (c *Cursor) Close(ctx context.Context) error { return nil }

// All decodes every remaining document into results.
func (c *Cursor) All(ctx context.Context, results any) error { return nil }

// InsertOneResult is the result of InsertOne.
type InsertOneResult struct {
	InsertedID   any
	Acknowledged bool
}

// InsertManyResult is the result of InsertMany.
type InsertManyResult struct {
	InsertedIDs  []any
	Acknowledged bool
}

// DeleteResult is the result of a delete.
type DeleteResult struct {
	DeletedCount int64
	Acknowledged bool
}

// UpdateResult is the result of an update or replace.
type UpdateResult struct {
	MatchedCount  int64
	ModifiedCount int64
	UpsertedCount int64
	UpsertedID    any
	Acknowledged  bool
}
