// Java-flavoured regular expressions for RegexRouter and TopicNameMatches: PCRE2 (through
// QRegularExpression) for the pattern, Java's matches()/replaceFirst() semantics on top (spec §9).
#pragma once

#include <QRegularExpression>

#include <string>
#include <string_view>
#include <vector>

namespace connectdesk::transforms {

class JavaRegex {
public:
    // Throws std::invalid_argument with PCRE's message when invalid; callers turn that into a
    // ConfigException naming their key.
    explicit JavaRegex(const std::string& pattern);
    static bool isValid(const std::string& pattern, std::string* error = nullptr);

    // Matcher.matches(): the pattern matches the whole input.
    bool matchesWhole(std::string_view input) const;
    // Matcher.replaceFirst(replacement) with Java's replacement syntax: `$n`, `${name}`, `\x`.
    // Throws std::invalid_argument for a reference to a group that does not exist.
    std::string replaceFirst(std::string_view input, const std::string& replacement) const;

    const std::string& pattern() const { return m_pattern; }

private:
    std::string m_pattern;
    QRegularExpression m_anchored;
    QRegularExpression m_search;
};

} // namespace connectdesk::transforms
