// Package options is a shape-only stub of go.mongodb.org/mongo-driver/v2/mongo/options synthesized for racelint's tests; signatures match go.mongodb.org/mongo-driver/v2@v2.10.0.
package options

// Lister is implemented by the option builders.
type Lister[T any] interface {
	List() []func(*T) error
}

// ReturnDocument says which version of the document findAndModify returns.
type ReturnDocument int8

const (
	// Before returns the document as it was before the update.
	Before ReturnDocument = iota
	// After returns the document as it is after the update.
	After
)

// ClientOptions configures a client (subset of the real fields).
type ClientOptions struct {
	Hosts []string
}

// Client returns new client options.
func Client() *ClientOptions { return &ClientOptions{} }

// ApplyURI parses a connection string into the options.
func (c *ClientOptions) ApplyURI(uri string) *ClientOptions { return c }

// DatabaseOptions configures a Database (no fields in the stub).
type DatabaseOptions struct{}

// CollectionOptions configures a Collection (no fields in the stub).
type CollectionOptions struct{}

// SessionOptions configures a Session (subset).
type SessionOptions struct {
	CausalConsistency *bool
}

// TransactionOptions configures a transaction (no fields in the stub).
type TransactionOptions struct{}

// CountOptions configures CountDocuments (subset).
type CountOptions struct {
	Limit *int64
	Skip  *int64
}

// FindOptions configures Find (subset).
type FindOptions struct {
	Projection any
	Skip       *int64
	Sort       any
	Limit      *int64
}

// FindOptionsBuilder builds FindOptions.
type FindOptionsBuilder struct {
	Opts []func(*FindOptions) error
}

// Find returns a FindOptionsBuilder.
func Find() *FindOptionsBuilder { return &FindOptionsBuilder{} }

// List implements Lister.
func (f *FindOptionsBuilder) List() []func(*FindOptions) error { return f.Opts }

// SetLimit sets Limit.
func (f *FindOptionsBuilder) SetLimit(i int64) *FindOptionsBuilder { return f }

// SetSort sets Sort.
func (f *FindOptionsBuilder) SetSort(sort any) *FindOptionsBuilder { return f }

// FindOneOptions configures FindOne (subset).
type FindOneOptions struct {
	Projection any
	Skip       *int64
	Sort       any
}

// FindOneOptionsBuilder builds FindOneOptions.
type FindOneOptionsBuilder struct {
	Opts []func(*FindOneOptions) error
}

// FindOne returns a FindOneOptionsBuilder.
func FindOne() *FindOneOptionsBuilder { return &FindOneOptionsBuilder{} }

// List implements Lister.
func (f *FindOneOptionsBuilder) List() []func(*FindOneOptions) error { return f.Opts }

// SetProjection sets Projection.
func (f *FindOneOptionsBuilder) SetProjection(projection any) *FindOneOptionsBuilder { return f }

// SetSort sets Sort.
func (f *FindOneOptionsBuilder) SetSort(sort any) *FindOneOptionsBuilder { return f }

// InsertOneOptions configures InsertOne (subset).
type InsertOneOptions struct {
	BypassDocumentValidation *bool
	Comment                  any
}

// InsertManyOptions configures InsertMany (subset).
type InsertManyOptions struct {
	BypassDocumentValidation *bool
	Comment                  any
	Ordered                  *bool
}

// DeleteOneOptions configures DeleteOne (subset).
type DeleteOneOptions struct {
	Comment any
	Hint    any
	Let     any
}

// DeleteManyOptions configures DeleteMany (subset).
type DeleteManyOptions struct {
	Comment any
	Hint    any
	Let     any
}

// UpdateOneOptions configures UpdateOne and UpdateByID (subset).
type UpdateOneOptions struct {
	ArrayFilters []any
	Comment      any
	Hint         any
	Upsert       *bool
	Let          any
	Sort         any
}

// UpdateOneOptionsBuilder builds UpdateOneOptions.
type UpdateOneOptionsBuilder struct {
	Opts []func(*UpdateOneOptions) error
}

// UpdateOne returns an UpdateOneOptionsBuilder.
func UpdateOne() *UpdateOneOptionsBuilder { return &UpdateOneOptionsBuilder{} }

// List implements Lister.
func (uo *UpdateOneOptionsBuilder) List() []func(*UpdateOneOptions) error { return uo.Opts }

// SetUpsert sets Upsert.
func (uo *UpdateOneOptionsBuilder) SetUpsert(b bool) *UpdateOneOptionsBuilder { return uo }

// SetSort sets Sort.
func (uo *UpdateOneOptionsBuilder) SetSort(s any) *UpdateOneOptionsBuilder { return uo }

// UpdateManyOptions configures UpdateMany (subset).
type UpdateManyOptions struct {
	ArrayFilters []any
	Comment      any
	Hint         any
	Upsert       *bool
	Let          any
}

// UpdateManyOptionsBuilder builds UpdateManyOptions.
type UpdateManyOptionsBuilder struct {
	Opts []func(*UpdateManyOptions) error
}

// UpdateMany returns an UpdateManyOptionsBuilder.
func UpdateMany() *UpdateManyOptionsBuilder { return &UpdateManyOptionsBuilder{} }

// List implements Lister.
func (uo *UpdateManyOptionsBuilder) List() []func(*UpdateManyOptions) error { return uo.Opts }

// SetUpsert sets Upsert.
func (uo *UpdateManyOptionsBuilder) SetUpsert(b bool) *UpdateManyOptionsBuilder { return uo }

// ReplaceOptions configures ReplaceOne (subset).
type ReplaceOptions struct {
	Comment any
	Hint    any
	Upsert  *bool
	Let     any
	Sort    any
}

// ReplaceOptionsBuilder builds ReplaceOptions.
type ReplaceOptionsBuilder struct {
	Opts []func(*ReplaceOptions) error
}

// Replace returns a ReplaceOptionsBuilder.
func Replace() *ReplaceOptionsBuilder { return &ReplaceOptionsBuilder{} }

// List implements Lister.
func (ro *ReplaceOptionsBuilder) List() []func(*ReplaceOptions) error { return ro.Opts }

// SetUpsert sets Upsert.
func (ro *ReplaceOptionsBuilder) SetUpsert(b bool) *ReplaceOptionsBuilder { return ro }

// FindOneAndUpdateOptions configures FindOneAndUpdate (subset).
type FindOneAndUpdateOptions struct {
	ArrayFilters   []any
	Comment        any
	Projection     any
	ReturnDocument *ReturnDocument
	Sort           any
	Upsert         *bool
	Hint           any
	Let            any
}

// FindOneAndUpdateOptionsBuilder builds FindOneAndUpdateOptions.
type FindOneAndUpdateOptionsBuilder struct {
	Opts []func(*FindOneAndUpdateOptions) error
}

// FindOneAndUpdate returns a FindOneAndUpdateOptionsBuilder.
func FindOneAndUpdate() *FindOneAndUpdateOptionsBuilder { return &FindOneAndUpdateOptionsBuilder{} }

// List implements Lister.
func (f *FindOneAndUpdateOptionsBuilder) List() []func(*FindOneAndUpdateOptions) error {
	return f.Opts
}

// SetProjection sets Projection.
func (f *FindOneAndUpdateOptionsBuilder) SetProjection(projection any) *FindOneAndUpdateOptionsBuilder {
	return f
}

// SetReturnDocument sets ReturnDocument.
func (f *FindOneAndUpdateOptionsBuilder) SetReturnDocument(rd ReturnDocument) *FindOneAndUpdateOptionsBuilder {
	return f
}

// SetSort sets Sort.
func (f *FindOneAndUpdateOptionsBuilder) SetSort(sort any) *FindOneAndUpdateOptionsBuilder {
	return f
}

// SetUpsert sets Upsert.
func (f *FindOneAndUpdateOptionsBuilder) SetUpsert(b bool) *FindOneAndUpdateOptionsBuilder {
	return f
}

// FindOneAndReplaceOptions configures FindOneAndReplace (subset).
type FindOneAndReplaceOptions struct {
	Comment        any
	Projection     any
	ReturnDocument *ReturnDocument
	Sort           any
	Upsert         *bool
	Hint           any
	Let            any
}

// FindOneAndReplaceOptionsBuilder builds FindOneAndReplaceOptions.
type FindOneAndReplaceOptionsBuilder struct {
	Opts []func(*FindOneAndReplaceOptions) error
}

// FindOneAndReplace returns a FindOneAndReplaceOptionsBuilder.
func FindOneAndReplace() *FindOneAndReplaceOptionsBuilder {
	return &FindOneAndReplaceOptionsBuilder{}
}

// List implements Lister.
func (f *FindOneAndReplaceOptionsBuilder) List() []func(*FindOneAndReplaceOptions) error {
	return f.Opts
}

// SetReturnDocument sets ReturnDocument.
func (f *FindOneAndReplaceOptionsBuilder) SetReturnDocument(rd ReturnDocument) *FindOneAndReplaceOptionsBuilder {
	return f
}

// SetUpsert sets Upsert.
func (f *FindOneAndReplaceOptionsBuilder) SetUpsert(b bool) *FindOneAndReplaceOptionsBuilder {
	return f
}

// BulkWriteOptions are the options of Collection.BulkWrite.
type BulkWriteOptions struct {
	Ordered *bool
}
