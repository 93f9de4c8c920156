/* Batched PDFium reads for ingestion/glyph_reads.py (#19's speed pass).
 *
 * One call per page instead of one ctypes call per glyph, rectangle or page object. It links
 * to nothing: PDFium's functions come in as pointers from pypdfium2.raw, so this library only
 * loops. Each function reads in the order, and with the buffers, of the pure-Python path in
 * glyph_reads.py, so both give the same figures (tests/ingestion/test_glyph_reads.py).
 * Built by `make` (cc -O2 -shared -fPIC); without a compiler the Python path is used.
 */

typedef void *handle;
typedef struct {
    float left, top, right, bottom;
} rectf; /* PDFium's FS_RECTF */

#define GLYPH_READS_VERSION 8

int glyph_reads_version(void) { return GLYPH_READS_VERSION; }

/* Each glyph's loose box (left, bottom, right, top), whether it was read, and its font weight,
 * for `count` indexes, read in order with one rectangle for the page (a failed read leaves the
 * last box, as in Python). */
void glyph_boxes(handle textpage, int count, const int *indexes, double *boxes, int *ok,
                 int *weights, int (*loose_box)(handle, int, rectf *),
                 int (*font_weight)(handle, int)) {
    rectf rect = {0, 0, 0, 0};
    for (int k = 0; k < count; k++) {
        ok[k] = loose_box(textpage, indexes[k], &rect);
        boxes[4 * k] = rect.left;
        boxes[4 * k + 1] = rect.bottom;
        boxes[4 * k + 2] = rect.right;
        boxes[4 * k + 3] = rect.top;
        weights[k] = font_weight(textpage, indexes[k]);
    }
}

/* Python's str.isspace() (what strip() strips). */
static int is_space(unsigned c) {
    return (c >= 0x9 && c <= 0xd) || (c >= 0x1c && c <= 0x20) || c == 0x85 || c == 0xa0 ||
           c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 ||
           c == 0x202f || c == 0x205f || c == 0x3000;
}

/* Whether text[start:stop] is what " ".join(line.split()) makes of it: no space at either end,
 * and every space inside a single U+0020 between words. */
static int plain_spaces(const unsigned *text, int start, int stop) {
    if (start >= stop || is_space(text[start]) || is_space(text[stop - 1]))
        return 0;
    for (int i = start + 1; i < stop; i++)
        if (is_space(text[i]) && (text[i] != ' ' || is_space(text[i - 1])))
            return 0;
    return 1;
}

/* Whether `name` (NUL-terminated) holds "bold", "black", "heavy" or "demi" in ASCII letters of
 * either case: Python's _BOLD_NAME search of the name read as Latin-1 ("semibold" holds
 * "bold"; no Latin-1 letter beyond ASCII folds to one of theirs). */
static int bold_name(const char *name) {
    static const char *const words[] = {"bold", "black", "heavy", "demi"};
    for (int i = 0; name[i]; i++)
        for (int w = 0; w < 4; w++) {
            int k = 0;
            while (words[w][k] && name[i + k] &&
                   (name[i + k] >= 'A' && name[i + k] <= 'Z' ? name[i + k] + 32 : name[i + k]) ==
                       words[w][k])
                k++;
            if (!words[w][k])
                return 1;
        }
    return 0;
}

typedef unsigned long (*font_info_fn)(handle, int, void *, unsigned long, int *);

/* Python's _bold_by_name: the font's name of the character at `index`, read into the page's one
 * buffer of 128 bytes (PDFium leaves it as it was for a name longer than that, or none), says
 * bold. */
static int bold_by_name(handle textpage, int index, char *name, font_info_fn font_info) {
    int flags = 0;
    font_info(textpage, index, name, 128, &flags);
    return bold_name(name);
}

/* ingestion/layout.py's _edge_lines, its figures: for each line of `text` (`count` code points,
 * split at \r and \n) with a glyph, into `ints` (8 a line) its start and stop, its first and
 * last glyph (relative), whether they differ, the two glyphs' font weights and a code: EDGE_BOLD
 * where the weights say bold (where one is missing, the font's name, as Python reads it),
 * EDGE_PLAIN where the line's spaces are as Python's " ".join(line.split()) leaves them, and
 * EDGE_TWO_SIZES where a box height is not above zero (Python rounds both, as its fallback does);
 * into `shares` (7 a line) the height whose rounding is the line's size (the taller glyph's:
 * rounding keeps order, and both positive no zero's sign differs), the two glyphs' box heights,
 * the line's top, left, right and bottom as shares of the page (left, right and bottom only
 * with a page width). Each figure with Python's operations in Python's order (floats widened
 * before subtracting; min and max as Python's). How many lines. */
#define EDGE_BOLD 1
#define EDGE_PLAIN 4
#define EDGE_TWO_SIZES 8

int edge_lines(handle textpage, const unsigned *text, int count, double width, double height,
               int *ints, double *shares, int (*loose_box)(handle, int, rectf *),
               int (*font_weight)(handle, int), font_info_fn font_info) {
    rectf rect = {0, 0, 0, 0};
    const double inf = 1.0 / 0.0;
    char name[128] = {0}; /* as Python's one buffer a page */
    int lines = 0, i = 0;
    while (i < count) {
        if (text[i] == '\r' || text[i] == '\n') {
            i++;
            continue;
        }
        int start = i;
        while (i < count && text[i] != '\r' && text[i] != '\n')
            i++;
        int stop = i, first = 0, end = stop - start - 1;
        while (start + first < stop && is_space(text[start + first]))
            first++;
        while (end >= 0 && is_space(text[start + end]))
            end--;
        if (end < first)
            continue; /* a line of spaces */
        loose_box(textpage, start + first, &rect);
        double left = rect.left, lower = rect.bottom, right = rect.right, upper = rect.top;
        double d1 = upper - lower, d2 = 0.0;
        double top = upper > 0.0 ? upper : 0.0;
        left = left < inf ? left : inf;
        double bottom = lower < inf ? lower : inf;
        int w1 = font_weight(textpage, start + first), w2 = 0, two = end > first, code = 0;
        if (two) {
            loose_box(textpage, start + end, &rect);
            double edge = rect.left;
            lower = rect.bottom;
            right = rect.right;
            upper = rect.top;
            d2 = upper - lower;
            top = upper > top ? upper : top;
            left = edge < left ? edge : left;
            bottom = lower < bottom ? lower : bottom;
            w2 = font_weight(textpage, start + end);
        }
        int bold = w1 > 0 ? w1 >= 600 : bold_by_name(textpage, start + first, name, font_info);
        if (two && bold)
            bold = w2 > 0 ? w2 >= 600 : bold_by_name(textpage, start + end, name, font_info);
        if (bold)
            code |= EDGE_BOLD;
        if (plain_spaces(text, start, stop))
            code |= EDGE_PLAIN;
        if (two && (d1 <= 0.0 || d2 <= 0.0))
            code |= EDGE_TWO_SIZES;
        int *n = ints + 8 * lines;
        n[0] = start, n[1] = stop, n[2] = first, n[3] = end, n[4] = two;
        n[5] = w1, n[6] = w2, n[7] = code;
        double *s = shares + 7 * lines;
        s[0] = two && d2 > d1 ? d2 : d1, s[1] = d1, s[2] = d2, s[3] = top / height;
        if (width > 0) {
            right = left > right ? left : right;
            s[4] = left / width, s[5] = right / width, s[6] = bottom / height;
        } else {
            s[4] = 0.0, s[5] = 1.0, s[6] = 0.0;
        }
        lines++;
    }
    return lines;
}

/* ingestion/layout.py's sized_lines word by word, its figures only: for each line of `text`
 * (split at \r and \n, as edge_lines) with a word, each word's first glyph read (box and font
 * weight) and, with a page width, the line's last glyph (box), in Python's order with one
 * rectangle for the page. Into `words` (2 a word: its index in the line and its font weight)
 * and `heights` (a word's box height); into `ints` (5 a line): start, stop, first word's
 * index in `words`, how many, and whether every word's weight says bold (1), one says not
 * before any lacks a weight (0), or one lacks it while all before say bold (-1: Python asks
 * the font's name); into `shares` (6 a line): the tallest and the shortest word's height,
 * the line's top, left, right and bottom (left, right, bottom and top as Python computes
 * them: top from 0, left and bottom from infinity, over word starts; the right edge no less
 * than the left; shares of the page, left, right and bottom only with a width). How many
 * lines. */
int word_lines(handle textpage, const unsigned *text, int count, double width, double height,
               int *ints, double *shares, int *words, double *heights,
               int (*loose_box)(handle, int, rectf *), int (*font_weight)(handle, int)) {
    rectf rect = {0, 0, 0, 0};
    const double inf = 1.0 / 0.0;
    int lines = 0, nwords = 0, i = 0;
    while (i < count) {
        if (text[i] == '\r' || text[i] == '\n') {
            i++;
            continue;
        }
        int start = i;
        while (i < count && text[i] != '\r' && text[i] != '\n')
            i++;
        int stop = i, first = nwords, end = stop - start - 1, bold = 1;
        while (end >= 0 && is_space(text[start + end]))
            end--;
        if (end < 0)
            continue; /* a line of spaces */
        double top = 0.0, left = inf, bottom = inf, tallest = 0.0, shortest = 0.0;
        for (int j = 0; j <= end; j++) {
            if (is_space(text[start + j]) || (j > 0 && !is_space(text[start + j - 1])))
                continue; /* not a word's first character */
            loose_box(textpage, start + j, &rect);
            double edge = rect.left, lower = rect.bottom, upper = rect.top;
            double h = upper - lower;
            int w = font_weight(textpage, start + j);
            if (nwords == first) {
                tallest = shortest = h;
            } else {
                tallest = h > tallest ? h : tallest;
                shortest = h < shortest ? h : shortest;
            }
            top = upper > top ? upper : top;
            left = edge < left ? edge : left;
            bottom = lower < bottom ? lower : bottom;
            if (bold == 1)
                bold = w > 0 ? w >= 600 : -1;
            words[2 * nwords] = j, words[2 * nwords + 1] = w;
            heights[nwords++] = h;
        }
        double *s = shares + 6 * lines;
        s[0] = tallest, s[1] = shortest, s[2] = top / height;
        if (width > 0) {
            loose_box(textpage, start + end, &rect);
            double right = rect.right;
            right = left > right ? left : right;
            s[3] = left / width, s[4] = right / width, s[5] = bottom / height;
        } else {
            s[3] = 0.0, s[4] = 1.0, s[5] = 0.0;
        }
        int *n = ints + 5 * lines;
        n[0] = start, n[1] = stop, n[2] = first, n[3] = nwords - first, n[4] = bold;
        lines++;
    }
    return lines;
}

/* ingestion/layout.py's _sized_lines_by_char, its figures: each of the text page's `count`
 * characters' code into `codes` (as char_codes), and for each line of them (split at every \r
 * and \n) with a character that is not a space, its start and stop into `ints` (2 a line)
 * and its glyphs' tallest and shortest loose-box height and its top (the highest glyph's, from
 * 0; max and min as Python's) into `shares` (3 a line), every such glyph's box read in order.
 * How many lines; -1 where a box could not be read (Python raises), -2 where a code is
 * beyond Unicode (Python's chr raises). */
int char_lines(handle textpage, int count, unsigned *codes, int *ints, double *shares,
               unsigned (*unicode)(handle, int), int (*loose_box)(handle, int, rectf *)) {
    rectf rect = {0, 0, 0, 0};
    int lines = 0, start = 0, inked = 0;
    double tallest = 0.0, shortest = 0.0, top = 0.0;
    for (int i = 0; i < count; i++) { /* every code first, as Python reads them */
        codes[i] = unicode(textpage, i);
        if (codes[i] > 0x10ffff)
            return -2;
    }
    for (int i = 0; i <= count; i++) {
        unsigned c = i < count ? codes[i] : '\n';
        if (c == '\r' || c == '\n') {
            if (inked) {
                ints[2 * lines] = start, ints[2 * lines + 1] = i;
                double *s = shares + 3 * lines;
                s[0] = tallest, s[1] = shortest, s[2] = top;
                lines++;
            }
            start = i + 1, inked = 0, top = 0.0;
            continue;
        }
        if (is_space(c))
            continue;
        if (!loose_box(textpage, i, &rect))
            return -1;
        double lower = rect.bottom, upper = rect.top;
        double h = upper - lower;
        if (!inked) {
            tallest = shortest = h;
        } else {
            tallest = h > tallest ? h : tallest;
            shortest = h < shortest ? h : shortest;
        }
        top = upper > top ? upper : top;
        inked++;
    }
    return lines;
}

/* The Unicode code of each of the text page's `count` characters. */
void char_codes(handle textpage, int count, unsigned *codes, unsigned (*unicode)(handle, int)) {
    for (int i = 0; i < count; i++)
        codes[i] = unicode(textpage, i);
}

/* The text page's `count` rectangles (left, bottom, right, top); -1, or the index whose read
 * failed. */
int text_rects(handle textpage, int count, double *rects,
               int (*get_rect)(handle, int, double *, double *, double *, double *)) {
    double left = 0, top = 0, right = 0, bottom = 0;
    for (int i = 0; i < count; i++) {
        if (!get_rect(textpage, i, &left, &top, &right, &bottom))
            return i;
        rects[4 * i] = left;
        rects[4 * i + 1] = bottom;
        rects[4 * i + 2] = right;
        rects[4 * i + 3] = top;
    }
    return -1;
}

/* ingestion/columns.py's steps across a gutter: for each rectangle (of `count`, as
 * text_rects gives them) and the next, when the first ends between lo and hi, left of the
 * next, on the same row, its right edge and the next one's left into `steps`; how many.
 * min and max as Python's (the first unless the second is less / greater). */
int gutter_steps(const double *rects, int count, double lo, double hi, double *steps) {
    int found = 0;
    for (int i = 0; i + 1 < count; i++) {
        const double *a = rects + 4 * i, *b = rects + 4 * i + 4;
        if (!(lo <= a[2] && a[2] < b[0] && a[2] <= hi))
            continue;
        double top = b[3] < a[3] ? b[3] : a[3];
        double bottom = b[1] > a[1] ? b[1] : a[1];
        double ha = a[3] - a[1], hb = b[3] - b[1];
        double low = hb < ha ? hb : ha;
        if (top - bottom > 0.5 * low) {
            steps[2 * found] = a[2];
            steps[2 * found + 1] = b[0];
            found++;
        }
    }
    return found;
}

/* Whether each of the page's `count` characters is a glyph filled in white (its text
 * object's fill, read once per run of one object): 1 or 0 into `out`. */
void white_glyphs(handle textpage, int count, unsigned char *out, int white,
                  handle (*text_object)(handle, int),
                  int (*fill)(handle, int, unsigned *, unsigned *, unsigned *, unsigned *)) {
    handle last = 0;
    int last_white = 0, known = 0;
    unsigned r, g, b, a;
    for (int i = 0; i < count; i++) {
        handle object = text_object(textpage, i);
        if (!known || object != last) {
            last_white = fill(textpage, i, &r, &g, &b, &a) && r >= (unsigned)white &&
                         g >= (unsigned)white && b >= (unsigned)white && a > 0;
            last = object;
            known = 1;
        }
        out[i] = (unsigned char)last_white;
    }
}

typedef struct {
    int (*page_count)(handle);
    handle (*page_object)(handle, int);
    int (*form_count)(handle);
    handle (*form_object)(handle, unsigned long);
    int (*kind)(handle);
    int (*fill)(handle, unsigned *, unsigned *, unsigned *, unsigned *);
    int text, form, unknown, white, max_depth;
} walk_calls;

/* 1 when a text object of the page (or of a form object inside it, down to max_depth) is
 * filled in white, else 0; -1 a count failed, -2 an object could not be read, -3 an object of
 * unknown type: the first such fault in the walk's order stops it. */
static int walk(const walk_calls *c, handle parent, int level) {
    int n = level ? c->form_count(parent) : c->page_count(parent);
    if (n < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        handle obj =
            level ? c->form_object(parent, (unsigned long)i) : c->page_object(parent, i);
        if (!obj)
            return -2;
        int kind = c->kind(obj);
        if (kind == c->unknown)
            return -3;
        unsigned r, g, b, a;
        if (kind == c->text && c->fill(obj, &r, &g, &b, &a) && r >= (unsigned)c->white &&
            g >= (unsigned)c->white && b >= (unsigned)c->white)
            return 1;
        if (kind == c->form && level < c->max_depth - 1) {
            int found = walk(c, obj, level + 1);
            if (found)
                return found;
        }
    }
    return 0;
}

int white_text(handle page, const walk_calls *calls) { return walk(calls, page, 0); }
