package mongo

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// WriteModel is one write of a BulkWrite.
type WriteModel interface {
	writeModel()
}

// InsertOneModel inserts one document.
type InsertOneModel struct {
	Document any
}

// NewInsertOneModel returns an empty InsertOneModel.
func NewInsertOneModel() *InsertOneModel { return &InsertOneModel{} }

// SetDocument sets the document to insert.
func (iom *InsertOneModel) SetDocument(doc any) *InsertOneModel { iom.Document = doc; return iom }

func (*InsertOneModel) writeModel() {}

// DeleteOneModel deletes at most one document.
type DeleteOneModel struct {
	Filter any
}

// NewDeleteOneModel returns an empty DeleteOneModel.
func NewDeleteOneModel() *DeleteOneModel { return &DeleteOneModel{} }

// SetFilter sets the filter.
func (dom *DeleteOneModel) SetFilter(filter any) *DeleteOneModel { dom.Filter = filter; return dom }

func (*DeleteOneModel) writeModel() {}

// ReplaceOneModel replaces at most one document.
type ReplaceOneModel struct {
	Upsert      *bool
	Filter      any
	Replacement any
}

// NewReplaceOneModel returns an empty ReplaceOneModel.
func NewReplaceOneModel() *ReplaceOneModel { return &ReplaceOneModel{} }

// SetFilter sets the filter.
func (rom *ReplaceOneModel) SetFilter(filter any) *ReplaceOneModel { rom.Filter = filter; return rom }

// SetReplacement sets the replacement document.
func (rom *ReplaceOneModel) SetReplacement(rep any) *ReplaceOneModel {
	rom.Replacement = rep
	return rom
}

// SetUpsert sets whether a missing document is inserted.
func (rom *ReplaceOneModel) SetUpsert(upsert bool) *ReplaceOneModel { rom.Upsert = &upsert; return rom }

func (*ReplaceOneModel) writeModel() {}

// UpdateOneModel updates at most one document.
type UpdateOneModel struct {
	Upsert *bool
	Filter any
	Update any
}

// NewUpdateOneModel returns an empty UpdateOneModel.
func NewUpdateOneModel() *UpdateOneModel { return &UpdateOneModel{} }

// SetFilter sets the filter.
func (uom *UpdateOneModel) SetFilter(filter any) *UpdateOneModel { uom.Filter = filter; return uom }

// SetUpdate sets the update document.
func (uom *UpdateOneModel) SetUpdate(update any) *UpdateOneModel { uom.Update = update; return uom }

// SetUpsert sets whether a missing document is inserted.
func (uom *UpdateOneModel) SetUpsert(upsert bool) *UpdateOneModel { uom.Upsert = &upsert; return uom }

func (*UpdateOneModel) writeModel() {}

// BulkWriteResult is the result of a BulkWrite.
type BulkWriteResult struct {
	InsertedCount int64
	MatchedCount  int64
	ModifiedCount int64
	DeletedCount  int64
	UpsertedCount int64
}

// BulkWrite runs models in one command.
func (coll *Collection) BulkWrite(ctx context.Context, models []WriteModel,
	opts ...options.Lister[options.BulkWriteOptions],
) (*BulkWriteResult, error) {
	return &BulkWriteResult{}, nil
}
