/* doc.h — a document as readers produce it: metadata plus sentences, all
 * allocated in the document's own arena and freed at once. */
#ifndef DY_DOC_H
#define DY_DOC_H

#include "tree/tree.h"
#include "util/util.h"

/* One expected event of a validation record. Codes are as written in the suite. */
typedef struct dy_expect {
    const char *source, *target, *code;
} dy_expect;

/* A per-record option of a validation suite (PETRARCH <Config option= value=>
 * or TABARI "OPTION:" lines), kept raw for the validator to interpret. */
typedef struct dy_record_opt {
    const char *name, *value;
} dy_record_opt;

/* Special validation codes (TABARI manual 10.1; PETRARCH noevents="True"). */
enum {
    DY_EXPECT_NONE = 1,    /* {---} or noevents: no events */
    DY_EXPECT_DISCARD = 2, /* {###}: the sentence is discarded */
    DY_EXPECT_COMPLEX = 4, /* {+++}: complex code / complexity exceeded */
    DY_EXPECT_PARTIAL = 8  /* -{...}: the items before it are checked, it and the rest are not */
};

struct dyad_doc {
    const char *path;     /* input file name ("-" for stdin) */
    uint32_t line;        /* line where the record starts (1-based) */
    const char *id;       /* record/document id; never NULL */
    const char *date;     /* ISO YYYY-MM-DD, "" when unknown */
    uint32_t date_num;    /* YYYYMMDD, 0 when unknown: used by date-restricted actors */
    const char *source;   /* news source, "" when none */
    const char *url;      /* "" when none */
    dy_sentence *sents;
    uint32_t nsent;

    /* Validation suites only (PETRARCH XML / TABARI records): */
    int has_expect;       /* the record states its expected events (possibly none) */
    int is_sentence;      /* PETRARCH sentence="true" */
    const char *category; /* PETRARCH category= */
    dy_expect *expect;
    uint32_t nexpect;
    dy_record_opt *opts;
    uint32_t nopts;
    int stop;             /* TABARI: end of standard records / PETRARCH <Stop> */
    unsigned expect_flags; /* DY_EXPECT_*: special validation codes */
    const char *expect_error; /* PETRARCH <EventCoding error="..."> or NULL */

    dy_arena arena;       /* owns everything above */
};

#endif
