#pragma once
// GEOS's C API and PROJ, opened on first use (core/shared_library.hpp) so that commands
// without geometry start without them: together they pull in about 40 shared libraries (curl,
// TLS, TIFF, Kerberos…). The headers still give every function's exact type.
#include <geos_c.h>
#include <proj.h>

namespace pco {

// X-macro lists: each name is declared once as a typed pointer and resolved once by name.
#define PCO_GEOS_FUNCTIONS(X)       \
  X(GEOS_init_r)                    \
  X(GEOS_finish_r)                  \
  X(GEOSContext_setErrorHandler_r)  \
  X(GEOSContext_setNoticeHandler_r) \
  X(GEOSArea_r)                     \
  X(GEOSBuffer_r)                   \
  X(GEOSConvexHull_r)               \
  X(GEOSCoordSeq_create_r)          \
  X(GEOSCoordSeq_getSize_r)         \
  X(GEOSCoordSeq_getXY_r)           \
  X(GEOSCoordSeq_setXY_r)           \
  X(GEOSDelaunayTriangulation_r)    \
  X(GEOSGeomGetX_r)                 \
  X(GEOSGeomGetY_r)                 \
  X(GEOSGeomTypeId_r)               \
  X(GEOSGeom_clone_r)               \
  X(GEOSGeom_createCollection_r)    \
  X(GEOSGeom_createLinearRing_r)    \
  X(GEOSGeom_createPointFromXY_r)   \
  X(GEOSGeom_createPolygon_r)       \
  X(GEOSGeom_destroy_r)             \
  X(GEOSGeom_getCoordSeq_r)         \
  X(GEOSGetCentroid_r)              \
  X(GEOSGetExteriorRing_r)          \
  X(GEOSGetGeometryN_r)             \
  X(GEOSGetNumGeometries_r)         \
  X(GEOSIntersection_r)             \
  X(GEOSLength_r)                   \
  X(GEOSTopologyPreserveSimplify_r) \
  X(GEOSVoronoiDiagram_r)           \
  X(GEOSGetInteriorRingN_r)         \
  X(GEOSGetNumInteriorRings_r)      \
  X(GEOSMakeValid_r)                \
  X(GEOSPrepare_r)                  \
  X(GEOSPreparedContains_r)         \
  X(GEOSPreparedGeom_destroy_r)     \
  X(GEOSSTRtree_create_r)           \
  X(GEOSSTRtree_destroy_r)          \
  X(GEOSSTRtree_insert_r)           \
  X(GEOSSTRtree_query_r)            \
  X(GEOSSymDifference_r)            \
  X(GEOSUnaryUnion_r)               \
  X(GEOSisEmpty_r)

#define PCO_PROJ_FUNCTIONS(X)         \
  X(proj_context_create)              \
  X(proj_context_destroy)             \
  X(proj_coord)                       \
  X(proj_create_crs_to_crs)           \
  X(proj_destroy)                     \
  X(proj_normalize_for_visualization) \
  X(proj_trans)

#define PCO_DECLARE_FUNCTION(name) decltype(&::name) name;

struct GeosFunctions {
  PCO_GEOS_FUNCTIONS(PCO_DECLARE_FUNCTION)
};
struct ProjFunctions {
  PCO_PROJ_FUNCTIONS(PCO_DECLARE_FUNCTION)
};

#undef PCO_DECLARE_FUNCTION

// Loaded on the first call (thread-safe), kept to the end of the process. Throw IoError when
// the library or one of its functions is missing.
const GeosFunctions& geos_functions();
const ProjFunctions& proj_functions();

}  // namespace pco
