// Checks a screenshot: the PNG exists, has the requested size, and is not blank (it holds more
// than a handful of colours, as drawn text and boxes do).
// Usage: kosim_png_check FILE.png WIDTH HEIGHT
#include <cstdio>
#include <cstdlib>
#include <set>

#define STB_IMAGE_IMPLEMENTATION
#include <stb_image.h>

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: kosim_png_check FILE.png WIDTH HEIGHT\n");
        return 2;
    }
    int width = 0, height = 0, channels = 0;
    unsigned char* pixels = stbi_load(argv[1], &width, &height, &channels, 3);
    if (!pixels) {
        std::fprintf(stderr, "%s: cannot read as PNG (%s)\n", argv[1], stbi_failure_reason());
        return 1;
    }
    const int want_w = std::atoi(argv[2]), want_h = std::atoi(argv[3]);
    int status = 0;
    if (width != want_w || height != want_h) {
        std::fprintf(stderr, "%s: %dx%d, expected %dx%d\n", argv[1], width, height, want_w, want_h);
        status = 1;
    }
    std::set<unsigned> colours;
    std::size_t differing = 0;
    const std::size_t count = static_cast<std::size_t>(width) * height;
    for (std::size_t i = 0; i < count; ++i) {
        const unsigned char* p = pixels + 3 * i;
        const unsigned rgb = (unsigned(p[0]) << 16) | (unsigned(p[1]) << 8) | p[2];
        if (colours.size() < 4096) colours.insert(rgb);
        if (p[0] != pixels[0] || p[1] != pixels[1] || p[2] != pixels[2]) ++differing;
    }
    stbi_image_free(pixels);
    if (colours.size() < 16 || differing < count / 50) {
        std::fprintf(stderr, "%s: looks blank (%zu colours, %zu pixels differ from the first)\n", argv[1], colours.size(), differing);
        status = 1;
    }
    if (status == 0) std::printf("%s: %dx%d, %zu+ colours\n", argv[1], width, height, colours.size());
    return status;
}
