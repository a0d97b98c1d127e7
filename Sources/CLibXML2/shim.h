// libxml2's HTML parser and tree, from Debian's libxml2-dev (pkg-config libxml-2.0): how Dossier reads web pages.
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, and its encoding.h then includes ICU's headers, whose definitions clash with the
// copy of ICU inside swift-corelibs-foundation in any module that imports both (the tests, dossier-bench). Dossier
// never touches the ICU members of xmlCharEncodingHandler, the one thing those headers declare for libxml2: they are
// left out. libxml2 itself still converts charsets with ICU.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
