#pragma once
// The results store's schema: the whole of src/store/schema.sql, compiled in by
// cmake/embed_text.cmake so the SQL stays in a file of its own that tools and readers can use.

namespace pco {

extern const char* const kResultsSchemaSql;

}  // namespace pco
