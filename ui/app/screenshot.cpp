// glReadPixels (bottom-up rows) -> flipped RGB -> stb_image_write's PNG encoder.
#include "app/screenshot.h"

#include <cerrno>
#include <cstring>
#include <vector>

#include <glad/gl.h>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>

namespace kosim::ui {

std::string write_framebuffer_png(const std::string& path, int width, int height, bool from_framebuffer_object) {
    if (width <= 0 || height <= 0) return "the window has no pixels";
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(from_framebuffer_object ? GL_COLOR_ATTACHMENT0 : GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    if (glGetError() != GL_NO_ERROR) return "glReadPixels failed";
    stbi_flip_vertically_on_write(1);
    errno = 0;
    if (!stbi_write_png(path.c_str(), width, height, 3, pixels.data(), width * 3))
        return "cannot write '" + path + "'" + (errno ? std::string(": ") + std::strerror(errno) : std::string());
    return {};
}

}  // namespace kosim::ui
