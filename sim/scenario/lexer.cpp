// Scenario tokens, one line at a time: identifiers, integers, C-escaped and raw strings, operators.
#include "scenario/lexer.h"

#include <algorithm>
#include <cstdio>
#include <optional>

namespace kosim::scenario {

namespace {

bool is_identifier_start(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_identifier_char(unsigned char c) { return is_identifier_start(c) || (c >= '0' && c <= '9'); }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
int hex_digit(unsigned char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

Token make(TokenKind kind, std::size_t start, std::size_t length) {
    Token t;
    t.kind = kind;
    t.column = static_cast<std::uint32_t>(start + 1);
    t.length = static_cast<std::uint32_t>(length);
    return t;
}

Token error(std::size_t start, std::size_t length, std::string message) {
    Token t = make(TokenKind::Error, start, length == 0 ? 1 : length);
    t.text = std::move(message);
    return t;
}

}  // namespace

std::size_t utf8_sequence_length(std::string_view text, std::size_t pos) {
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    unsigned char c = byte(pos);
    if (c < 0x80) return 1;
    std::size_t length = 0;
    std::uint32_t min = 0;
    if (c >= 0xC2 && c <= 0xDF) { length = 2; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { length = 3; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { length = 4; min = 0x10000; }
    else return 0;
    if (pos + length > text.size()) return 0;
    std::uint32_t code = c & (0x7F >> length);
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(pos + i) & 0xC0) != 0x80) return 0;
        code = (code << 6) | (byte(pos + i) & 0x3F);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
    return length;
}

std::uint32_t decode_utf8(std::string_view text, std::size_t pos, std::size_t length) {
    auto c = static_cast<unsigned char>(text[pos]);
    if (length <= 1) return c;
    std::uint32_t code = c & (0x7F >> length);
    for (std::size_t i = 1; i < length; ++i) code = (code << 6) | (static_cast<unsigned char>(text[pos + i]) & 0x3F);
    return code;
}

bool is_invisible(std::uint32_t code) {
    return (code >= 0x80 && code <= 0x9F) || code == 0xAD || (code >= 0x200B && code <= 0x200F) ||
           (code >= 0x2028 && code <= 0x202E) || (code >= 0x2060 && code <= 0x206F) || code == 0xFEFF;
}

std::string describe(const Token& token, std::string_view line) {
    switch (token.kind) {
    case TokenKind::End: return "the end of the line";
    case TokenKind::String: return "a string";
    case TokenKind::Error: return "an error";
    default: break;
    }
    std::string_view text = line.substr(token.column - 1, token.length);
    if (text.size() > 32) return "'" + std::string(text.substr(0, 29)) + "...'";
    return "'" + std::string(text) + "'";
}

const Token& Lexer::peek(std::size_t ahead) {
    while (buffer_.size() <= ahead) buffer_.push_back(lex());
    return buffer_[ahead];
}

Token Lexer::next() {
    peek();
    Token t = std::move(buffer_.front());
    buffer_.pop_front();
    return t;
}

std::size_t content_end(std::string_view line) {
    // Walks strings the way the lexer does, so a '#' inside one does not count.
    std::size_t pos = 0;
    while (pos < line.size()) {
        char c = line[pos];
        if (c == '#') return pos;
        bool raw = c == 'r' && pos + 1 < line.size() && line[pos + 1] == '"' &&
                   (pos == 0 || !is_identifier_char(static_cast<unsigned char>(line[pos - 1])));
        if (c != '"' && !raw) { ++pos; continue; }
        pos += raw ? 2 : 1;
        while (pos < line.size() && line[pos] != '"') pos += (!raw && line[pos] == '\\') ? 2 : 1;
        ++pos;
    }
    return line.size();
}

Token Lexer::lex() {
    while (pos_ < line_.size() && (line_[pos_] == ' ' || line_[pos_] == '\t' || line_[pos_] == '\r' ||
                                   line_[pos_] == '\f' || line_[pos_] == '\v'))
        ++pos_;
    if (pos_ >= line_.size()) return make(TokenKind::End, line_.size(), 0);
    const std::size_t start = pos_;
    const unsigned char c = static_cast<unsigned char>(line_[pos_]);
    if (c == '#') {
        pos_ = line_.size();
        return make(TokenKind::End, start, 0);
    }
    if (c == 'r' && pos_ + 1 < line_.size() && line_[pos_ + 1] == '"') return lex_string(start, true);
    if (is_identifier_start(c)) {
        while (pos_ < line_.size() && is_identifier_char(static_cast<unsigned char>(line_[pos_]))) ++pos_;
        if (pos_ < line_.size() && line_[pos_] == '\0') return lex_name_with_nul(start);
        return make(TokenKind::Identifier, start, pos_ - start);
    }
    if (is_digit(c)) return lex_number(start);
    if (c == '"') return lex_string(start, false);
    auto single = [&](TokenKind kind) { ++pos_; return make(kind, start, 1); };
    auto pair = [&](char second, TokenKind two, TokenKind one) {
        if (pos_ + 1 < line_.size() && line_[pos_ + 1] == second) { pos_ += 2; return make(two, start, 2); }
        ++pos_;
        return make(one, start, 1);
    };
    switch (c) {
    case ':': return single(TokenKind::Colon);
    case ',': return single(TokenKind::Comma);
    case '(': return single(TokenKind::LeftParen);
    case ')': return single(TokenKind::RightParen);
    case '[': return single(TokenKind::LeftBracket);
    case ']': return single(TokenKind::RightBracket);
    case '&': return single(TokenKind::Ampersand);
    case '|': return single(TokenKind::Pipe);
    case '+': return single(TokenKind::Plus);
    case '-': return single(TokenKind::Minus);
    case '.': return single(TokenKind::Dot);
    case '=': return pair('=', TokenKind::EqualEqual, TokenKind::Equal);
    case '<': return pair('=', TokenKind::LessEqual, TokenKind::Less);
    case '>': return pair('=', TokenKind::GreaterEqual, TokenKind::Greater);
    case '!':
        if (pos_ + 1 < line_.size() && line_[pos_ + 1] == '=') { pos_ += 2; return make(TokenKind::NotEqual, start, 2); }
        ++pos_;
        return error(start, 1, "unexpected character '!'; did you mean '!='?");
    default: break;
    }
    // A stray character: name it when it is printable, else give its byte value.
    std::size_t length = utf8_sequence_length(line_, pos_);
    if (quiet_) {
        pos_ += length == 0 ? 1 : length;
        return make(TokenKind::Error, start, length == 0 ? 1 : length);
    }
    char buffer[64];
    if (length == 0) {
        ++pos_;
        std::snprintf(buffer, sizeof buffer, "unexpected byte 0x%02X", static_cast<unsigned>(c));
        return error(start, 1, buffer);
    }
    pos_ += length;
    if (c < 0x20 || c == 0x7F) {
        std::snprintf(buffer, sizeof buffer, "unexpected control character 0x%02X", static_cast<unsigned>(c));
        return error(start, 1, buffer);
    }
    // Non-ASCII: give the code point; show the character itself only when it is visible.
    const std::uint32_t code = decode_utf8(line_, start, length);
    std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(code));
    if (length == 1) return error(start, length, "unexpected character '" + std::string(line_.substr(start, length)) + "'");
    if (is_invisible(code)) return error(start, length, std::string("unexpected invisible character ") + buffer);
    std::string message = "unexpected character '" + std::string(line_.substr(start, length)) + "' (" + buffer + ")";
    if (code >= 0xC0 && !(code >= 0x2000 && code <= 0x2BFF) && !(code >= 0x3000 && code <= 0x303F))
        message += "; names use ASCII letters, digits and '_'";
    return error(start, length, std::move(message));
}

// A name with NUL bytes inside ("Crea\0teEvent"; every other byte in a UTF-16 file read as UTF-8):
// one error for the whole word, rather than a name cut short at the NUL.
Token Lexer::lex_name_with_nul(std::size_t start) {
    std::size_t end = pos_;
    std::size_t nuls = 0;
    while (end < line_.size() && (line_[end] == '\0' || is_identifier_char(static_cast<unsigned char>(line_[end])))) {
        if (line_[end] == '\0') ++nuls;
        ++end;
    }
    pos_ = end;
    if (quiet_) return make(TokenKind::Error, start, end - start);
    std::string shown;
    for (char ch : line_.substr(start, std::min<std::size_t>(end - start, 40))) shown += ch == '\0' ? std::string("\\0") : std::string(1, ch);
    std::string message = "a NUL byte (0x00) inside the name '" + shown + (end - start > 40 ? "...'" : "'");
    if (nuls >= 3 && nuls * 2 + 1 >= end - start) message += "; is the file UTF-16? Save it as UTF-8";
    return error(start, end - start, std::move(message));
}

Token Lexer::lex_number(std::size_t start) {
    std::uint64_t value = 0;
    bool overflow = false;
    int base = 10;
    if (line_[pos_] == '0' && pos_ + 1 < line_.size() && (line_[pos_ + 1] == 'x' || line_[pos_ + 1] == 'X')) {
        base = 16;
        pos_ += 2;
    }
    const std::size_t digits_start = pos_;
    while (pos_ < line_.size()) {
        int digit = base == 16 ? hex_digit(static_cast<unsigned char>(line_[pos_]))
                               : (is_digit(static_cast<unsigned char>(line_[pos_])) ? line_[pos_] - '0' : -1);
        if (digit < 0) break;
        if (value > (~std::uint64_t{0} - static_cast<std::uint64_t>(digit)) / static_cast<std::uint64_t>(base)) overflow = true;
        value = value * static_cast<std::uint64_t>(base) + static_cast<std::uint64_t>(digit);
        ++pos_;
    }
    // Letters glued to the digits (12abc, 0x1G) make one bad word, reported as a whole.
    std::size_t end = pos_;
    while (end < line_.size() && is_identifier_char(static_cast<unsigned char>(line_[end]))) ++end;
    if (end != pos_ || (base == 16 && pos_ == digits_start)) {
        pos_ = end;
        std::string_view word = line_.substr(start, end - start);
        if (word.size() > 32) word = word.substr(0, 32);
        return error(start, end - start, "invalid number '" + std::string(word) + "'");
    }
    if (overflow) return error(start, pos_ - start, "integer literal too large");
    Token t = make(TokenKind::Integer, start, pos_ - start);
    t.number = value;
    return t;
}

Token Lexer::lex_string(std::size_t start, bool raw) {
    pos_ = start + (raw ? 2 : 1);
    std::string text;
    std::optional<Token> failure;
    while (pos_ < line_.size()) {
        char c = line_[pos_];
        if (c == '"') {
            ++pos_;
            if (failure) return *failure;
            Token t = make(TokenKind::String, start, pos_ - start);
            t.text = std::move(text);
            return t;
        }
        if (c != '\\' || raw) {
            // Copy the plain run up to the next quote or backslash in one go.
            std::size_t stop = line_.find_first_of(raw ? std::string_view("\"") : std::string_view("\"\\"), pos_);
            if (stop == std::string_view::npos) stop = line_.size();
            text.append(line_.substr(pos_, stop - pos_));
            pos_ = stop;
            continue;
        }
        // An escape sequence.
        if (pos_ + 1 >= line_.size()) break;
        const std::size_t escape_start = pos_;
        char e = line_[pos_ + 1];
        pos_ += 2;
        switch (e) {
        case '\\': text += '\\'; break;
        case '"': text += '"'; break;
        case 'n': text += '\n'; break;
        case 'r': text += '\r'; break;
        case 't': text += '\t'; break;
        case '0': text += '\0'; break;
        case 'x': {
            int value = -1;
            for (int i = 0; i < 2 && pos_ < line_.size(); ++i) {
                int digit = hex_digit(static_cast<unsigned char>(line_[pos_]));
                if (digit < 0) break;
                value = (value < 0 ? 0 : value * 16) + digit;
                ++pos_;
            }
            if (value < 0) {
                if (!failure) failure = error(escape_start, 2, "'\\x' needs one or two hex digits, like '\\x41'");
            } else {
                text += static_cast<char>(value);
            }
            break;
        }
        default: {
            // Name the whole character after the backslash, even a multi-byte one.
            std::size_t length = utf8_sequence_length(line_, pos_ - 1);
            if (length == 0 || static_cast<unsigned char>(e) < 0x20 || e == 0x7F) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(e)));
                if (!failure)
                    failure = error(escape_start, 2, std::string("unknown escape sequence: '\\' followed by byte ") + buffer +
                                                         "; write '\\\\' for a backslash or use a raw string r\"...\"");
                length = 1;
            } else if (!failure) {
                failure = error(escape_start, 1 + length,
                                "unknown escape sequence '\\" + std::string(line_.substr(pos_ - 1, length)) +
                                    "'; write '\\\\' for a backslash or use a raw string r\"...\"");
            }
            pos_ += length - 1;
            break;
        }
        }
    }
    pos_ = line_.size();
    return error(start, raw ? 2 : 1, "unterminated string");
}

}  // namespace kosim::scenario
