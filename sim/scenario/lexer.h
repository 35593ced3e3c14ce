// Splits one scenario line into tokens, on demand (so a 10 MB line costs no more memory than its
// text). Strings are decoded here (C escapes; r"..." raw); `#` outside a string ends the line.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

namespace kosim::scenario {

enum class TokenKind : std::uint8_t {
    End,          // end of the line (or a comment)
    Identifier,   // letters, digits, '_' (no dots: '.' is its own token)
    Integer,      // 42, 0x1C (value in Token::number)
    String,       // "..." or r"..." (decoded bytes in Token::text)
    Colon, Equal, Comma, LeftParen, RightParen, LeftBracket, RightBracket, Ampersand, Pipe, Plus, Minus, Dot,
    EqualEqual, NotEqual, Less, LessEqual, Greater, GreaterEqual,
    Error,        // a lexical mistake: Token::text holds the message
};

struct Token {
    TokenKind kind = TokenKind::End;
    std::uint32_t column = 1;     // 1-based byte column in the line
    std::uint32_t length = 0;     // bytes of source text
    std::uint64_t number = 0;     // Integer
    std::string text;             // String: decoded bytes; Error: the message
};

// A human name for a token kind, for "expected ')' but found ..." messages.
std::string describe(const Token& token, std::string_view line);

class Lexer {
public:
    // A quiet lexer marks mistakes as Error tokens without composing their messages (for quick scans).
    explicit Lexer(std::string_view line, bool quiet = false) : line_(line), quiet_(quiet) {}
    // The token `ahead` places further on (0 = the next one), lexing as needed.
    const Token& peek(std::size_t ahead = 0);
    Token next();
    std::string_view line() const { return line_; }

private:
    Token lex();
    Token lex_number(std::size_t start);
    Token lex_name_with_nul(std::size_t start);
    Token lex_string(std::size_t start, bool raw);

    std::string_view line_;
    std::size_t pos_ = 0;
    bool quiet_ = false;
    std::deque<Token> buffer_;
};

// The code point of the valid UTF-8 sequence of `length` bytes at `text[pos]`.
std::uint32_t decode_utf8(std::string_view text, std::size_t pos, std::size_t length);

// Code points a terminal would hide or use to reorder text (C1 controls, zero-width and bidi marks).
bool is_invisible(std::uint32_t code);

// Byte offset where the line's comment starts, or the line's length.
std::size_t content_end(std::string_view line);

// The length in bytes of the valid UTF-8 sequence at `text[pos]`, or 0 when it is not valid.
std::size_t utf8_sequence_length(std::string_view text, std::size_t pos);

}  // namespace kosim::scenario
