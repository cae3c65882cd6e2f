/* flat.h — TABARI-style coding: linear ("flat") matching of TABARI
 * dictionaries over a sentence without a parse, as the TABARI 0.8 manual
 * defines it (chapters 5 to 8): actors, agents and parsed compounds,
 * pronoun coreference, elimination of comma-delimited clauses, clauses split
 * at conjunctions, verb patterns tried longest first, default source and
 * target search, passive voice, subordinate/dominant/paired codes, and the
 * .options settings (CODE BY, COMPLEX, DEFAULT, COMMA, MINIMUM WORDS,
 * CONVERT AGENTS). The tree matcher (match.c) is not involved. */
#ifndef DY_CODE_FLAT_H
#define DY_CODE_FLAT_H

#include "code/code.h"

enum { CD_FLAT_CODED = 0, CD_FLAT_DISCARD = 1, CD_FLAT_COMPLEX = 2 };

/* Code one bound sentence with a TABARI dictionary; appends events to
 * c->s->ev (and leaves c->s->m holding the sentence's actors). Returns
 * CD_FLAT_CODED, CD_FLAT_DISCARD when a discard code ([###]) fired,
 * CD_FLAT_COMPLEX (no events) when the COMPLEX conditions hold or a complex
 * code ([+++]) fired, or -1 on out-of-memory. */
int cd_flat_sentence(cd_ctx *c, const dy_sentence *st);

#endif
