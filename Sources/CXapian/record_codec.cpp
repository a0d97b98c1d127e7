// Compressed document data: zstd with a preset dictionary.

#include "internal.h"

struct cx_zcodec : Counted {
    std::string dictionary;
    ZSTD_CCtx *cctx = nullptr;
    ZSTD_CDict *cdict = nullptr;
    ZSTD_DCtx *dctx = nullptr;
    ZSTD_DDict *ddict = nullptr;
    ~cx_zcodec() {
        ZSTD_freeCCtx(cctx);
        ZSTD_freeCDict(cdict);
        ZSTD_freeDCtx(dctx);
        ZSTD_freeDDict(ddict);
    }
};

static void zcheck(size_t code, const char *what) {
    if (ZSTD_isError(code)) throw Xapian::DatabaseCorruptError(std::string(what) + ": " + ZSTD_getErrorName(code));
}

extern "C" cx_status cx_zcodec_new(const char *dictionary, size_t len, cx_zcodec **out, cx_error *err) {
    CX_REQUIRE(len <= CX_ZDICT_MAX, "a compression dictionary holds at most CX_ZDICT_MAX bytes");
    CX_GUARD(auto codec = std::make_unique<cx_zcodec>(); codec->dictionary = str(dictionary, len);
             *out = codec.release();)
}
extern "C" void cx_zcodec_free(cx_zcodec *codec) { delete codec; }

extern "C" cx_status cx_zcodec_compress(cx_zcodec *codec, const char *in, size_t len, char **out, size_t *outlen,
                                        cx_error *err) {
    CX_GUARD(
        if (codec->cctx == nullptr) {
            // level 3 (zstd's default): the dictionary's tables are built once, here
            codec->cdict = ZSTD_createCDict(codec->dictionary.data(), codec->dictionary.size(), 3);
            codec->cctx = ZSTD_createCCtx();
            if (codec->cdict == nullptr || codec->cctx == nullptr) throw std::bad_alloc();
            // the frame without its size, checksum or dictionary id: the record header has the size and the
            // dictionary's id, and Xapian's tables their own checks
            zcheck(ZSTD_CCtx_refCDict(codec->cctx, codec->cdict), "ZSTD_CCtx_refCDict");
            zcheck(ZSTD_CCtx_setParameter(codec->cctx, ZSTD_c_contentSizeFlag, 0), "ZSTD_CCtx_setParameter");
            zcheck(ZSTD_CCtx_setParameter(codec->cctx, ZSTD_c_checksumFlag, 0), "ZSTD_CCtx_setParameter");
            zcheck(ZSTD_CCtx_setParameter(codec->cctx, ZSTD_c_dictIDFlag, 0), "ZSTD_CCtx_setParameter");
        }
        const size_t bound = ZSTD_compressBound(len);
        char *buffer = static_cast<char *>(std::malloc(bound + 1));
        if (buffer == nullptr) throw std::bad_alloc();
        const size_t n = ZSTD_compress2(codec->cctx, buffer, bound, in, len);
        if (ZSTD_isError(n)) {
            std::free(buffer);
            zcheck(n, "ZSTD_compress2");
        }
        *out = buffer;
        *outlen = n;)
}

extern "C" cx_status cx_zcodec_decompress(cx_zcodec *codec, const char *in, size_t len, size_t size, char **out,
                                          cx_error *err) {
    CX_GUARD(
        if (codec->dctx == nullptr) {
            codec->ddict = ZSTD_createDDict(codec->dictionary.data(), codec->dictionary.size());
            codec->dctx = ZSTD_createDCtx();
            if (codec->ddict == nullptr || codec->dctx == nullptr) throw std::bad_alloc();
        }
        char *buffer = static_cast<char *>(std::malloc(size + 1));
        if (buffer == nullptr) throw std::bad_alloc();
        const size_t n = ZSTD_decompress_usingDDict(codec->dctx, buffer, size, in, len, codec->ddict);
        if (ZSTD_isError(n) || n != size) {
            std::free(buffer);
            throw Xapian::DatabaseCorruptError(std::string("compressed document data is damaged (") +
                                               (ZSTD_isError(n) ? ZSTD_getErrorName(n) : "wrong length") + ")");
        }
        *out = buffer;)
}

extern "C" cx_status cx_zdict_train(const char *samples, const size_t *sizes, size_t count, size_t capacity,
                                    char **out, size_t *outlen, cx_error *err) {
    CX_REQUIRE(capacity <= CX_ZDICT_MAX, "a compression dictionary holds at most CX_ZDICT_MAX bytes");
    CX_GUARD(
        std::string dict(capacity, '\0');
        const size_t n = ZDICT_trainFromBuffer(&dict[0], capacity, samples, sizes, unsigned(count));
        if (ZDICT_isError(n))
            throw Xapian::InvalidArgumentError(std::string("cannot train a dictionary: ") + ZDICT_getErrorName(n));
        dict.resize(n);
        out_string(dict, out, outlen);)
}
