/* pos.c — coarse part-of-speech and phrase-label mappings shared by the
 * Penn and CoNLL-U front ends. */
#include "tree/tree.h"

static bool ps_eq(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return n == k && memcmp(s, lit, k) == 0;
}

static bool ps_prefix(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return n >= k && memcmp(s, lit, k) == 0;
}

dy_pos dy_pos_from_penn(const char *tag, size_t n)
{
    if (!tag || n == 0)
        return DY_POS_X;
    if (ps_eq(tag, n, "NNP") || ps_eq(tag, n, "NNPS"))
        return DY_POS_PROPN;
    if (ps_prefix(tag, n, "NN"))
        return DY_POS_NOUN;
    if (ps_prefix(tag, n, "PRP") || ps_eq(tag, n, "WP") || ps_eq(tag, n, "WP$") || ps_eq(tag, n, "EX"))
        return DY_POS_PRON;
    if (ps_eq(tag, n, "MD"))
        return DY_POS_AUX;
    if (ps_prefix(tag, n, "VB"))
        return DY_POS_VERB;
    if (ps_prefix(tag, n, "JJ"))
        return DY_POS_ADJ;
    if (ps_prefix(tag, n, "RB") || ps_eq(tag, n, "WRB"))
        return DY_POS_ADV;
    if (ps_eq(tag, n, "IN"))
        return DY_POS_ADP;
    if (ps_eq(tag, n, "TO") || ps_eq(tag, n, "POS") || ps_eq(tag, n, "RP"))
        return DY_POS_PART;
    if (ps_eq(tag, n, "DT") || ps_eq(tag, n, "PDT") || ps_eq(tag, n, "WDT"))
        return DY_POS_DET;
    if (ps_eq(tag, n, "CD"))
        return DY_POS_NUM;
    if (ps_eq(tag, n, "CC"))
        return DY_POS_CONJ;
    /* Punctuation tags are the punctuation itself, plus the bracket names. */
    if (ps_eq(tag, n, "-LRB-") || ps_eq(tag, n, "-RRB-") || ps_eq(tag, n, "HYPH") || ps_eq(tag, n, "NFP"))
        return DY_POS_PUNCT;
    bool punct = true;
    for (size_t i = 0; i < n; i++)
        if (!strchr(".,:;`'\"!?()[]{}-$#", tag[i]))
            punct = false;
    return punct && !ps_eq(tag, n, "$") && !ps_eq(tag, n, "#") ? DY_POS_PUNCT : DY_POS_X;
}

dy_pos dy_pos_from_upos(const char *upos, size_t n)
{
    static const struct {
        const char *name;
        dy_pos pos;
    } map[] = {{"NOUN", DY_POS_NOUN},   {"PROPN", DY_POS_PROPN}, {"PRON", DY_POS_PRON},
               {"VERB", DY_POS_VERB},   {"AUX", DY_POS_AUX},     {"ADJ", DY_POS_ADJ},
               {"ADV", DY_POS_ADV},     {"ADP", DY_POS_ADP},     {"DET", DY_POS_DET},
               {"NUM", DY_POS_NUM},     {"CCONJ", DY_POS_CONJ},  {"CONJ", DY_POS_CONJ},
               {"SCONJ", DY_POS_SCONJ}, {"PART", DY_POS_PART},   {"PUNCT", DY_POS_PUNCT}};
    if (!upos)
        return DY_POS_X;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (ps_eq(upos, n, map[i].name))
            return map[i].pos;
    return DY_POS_X;
}

dy_label dy_label_from_penn(const char *label, size_t n)
{
    if (!label)
        return DY_L_OTHER;
    /* Function tags and indices ("NP-SBJ-1", "NP=2") do not change the category,
     * but bracket labels such as -NONE- start with a dash and are kept whole. */
    size_t k = 0;
    while (k < n && (k == 0 || (label[k] != '-' && label[k] != '=')))
        k++;
    if (k == 0 || ps_eq(label, k, "ROOT") || ps_eq(label, k, "TOP"))
        return DY_L_ROOT;
    if (ps_eq(label, k, "S") || ps_eq(label, k, "SINV") || ps_eq(label, k, "SQ") || ps_eq(label, k, "FRAG"))
        return DY_L_S;
    if (ps_eq(label, k, "SBAR") || ps_eq(label, k, "SBARQ"))
        return DY_L_SBAR;
    if (ps_eq(label, k, "NP") || ps_eq(label, k, "NX") || ps_eq(label, k, "NML") || ps_eq(label, k, "WHNP"))
        return DY_L_NP;
    if (ps_eq(label, k, "VP"))
        return DY_L_VP;
    if (ps_eq(label, k, "PP") || ps_eq(label, k, "WHPP"))
        return DY_L_PP;
    if (ps_eq(label, k, "ADJP") || ps_eq(label, k, "WHADJP"))
        return DY_L_ADJP;
    if (ps_eq(label, k, "ADVP") || ps_eq(label, k, "WHADVP"))
        return DY_L_ADVP;
    if (ps_eq(label, k, "PRN"))
        return DY_L_PRN;
    return DY_L_OTHER;
}

dy_deprel dy_deprel_from_ud(const char *rel, size_t n)
{
    static const struct {
        const char *name;
        dy_deprel rel;
    } exact[] = {{"nsubj:pass", DY_DEP_NSUBJ_PASS}, {"csubj:pass", DY_DEP_CSUBJ},
                 {"obl:agent", DY_DEP_OBL_AGENT},   {"nmod:poss", DY_DEP_NMOD_POSS},
                 {"acl:relcl", DY_DEP_ACL_RELCL},   {"aux:pass", DY_DEP_AUX_PASS},
                 {"auxpass", DY_DEP_AUX_PASS},      {"nsubjpass", DY_DEP_NSUBJ_PASS},
                 {"dobj", DY_DEP_OBJ},              {"neg", DY_DEP_ADVMOD}},
      base[] = {{"root", DY_DEP_ROOT},   {"nsubj", DY_DEP_NSUBJ},         {"csubj", DY_DEP_CSUBJ},
                {"obj", DY_DEP_OBJ},     {"iobj", DY_DEP_IOBJ},           {"ccomp", DY_DEP_CCOMP},
                {"xcomp", DY_DEP_XCOMP}, {"obl", DY_DEP_OBL},             {"nmod", DY_DEP_NMOD},
                {"amod", DY_DEP_AMOD},   {"advmod", DY_DEP_ADVMOD},       {"advcl", DY_DEP_ADVCL},
                {"acl", DY_DEP_ACL},     {"appos", DY_DEP_APPOS},         {"aux", DY_DEP_AUX},
                {"cop", DY_DEP_COP},     {"mark", DY_DEP_MARK},           {"case", DY_DEP_CASE},
                {"det", DY_DEP_DET},     {"nummod", DY_DEP_NUMMOD},       {"compound", DY_DEP_COMPOUND},
                {"flat", DY_DEP_FLAT},   {"fixed", DY_DEP_FIXED},         {"conj", DY_DEP_CONJ},
                {"cc", DY_DEP_CC},       {"punct", DY_DEP_PUNCT},         {"expl", DY_DEP_EXPL},
                {"parataxis", DY_DEP_PARATAXIS}, {"name", DY_DEP_FLAT},   {"mwe", DY_DEP_FIXED},
                {"poss", DY_DEP_NMOD_POSS}};
    if (!rel || n == 0)
        return DY_DEP_NONE;
    for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++)
        if (ps_eq(rel, n, exact[i].name))
            return exact[i].rel;
    size_t k = 0;
    while (k < n && rel[k] != ':')
        k++;
    for (size_t i = 0; i < sizeof base / sizeof base[0]; i++)
        if (ps_eq(rel, k, base[i].name))
            return base[i].rel;
    return DY_DEP_OTHER;
}
