#include "transforms/java_regex.h"

#include <stdexcept>

namespace connectdesk::transforms {

namespace {

QString toQString(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

} // namespace

JavaRegex::JavaRegex(const std::string& pattern)
    : m_pattern(pattern), m_anchored(QRegularExpression::anchoredPattern(toQString(pattern))),
      m_search(toQString(pattern))
{
    if (!m_search.isValid()) {
        throw std::invalid_argument(m_search.errorString().toStdString() + " near index " +
                                    std::to_string(m_search.patternErrorOffset()));
    }
    m_anchored.optimize();
    m_search.optimize();
}

bool JavaRegex::isValid(const std::string& pattern, std::string* error)
{
    const QRegularExpression re(toQString(pattern));
    if (!re.isValid() && error != nullptr) {
        *error = re.errorString().toStdString() + " near index " + std::to_string(re.patternErrorOffset());
    }
    return re.isValid();
}

bool JavaRegex::matchesWhole(std::string_view input) const
{
    return m_anchored.match(toQString(input)).hasMatch();
}

std::string JavaRegex::replaceFirst(std::string_view input, const std::string& replacement) const
{
    const QString subject = toQString(input);
    const QRegularExpressionMatch m = m_search.match(subject);
    if (!m.hasMatch()) {
        return std::string(input);
    }
    // Java's appendReplacement: `\` quotes the next char; `$` takes the longest group number
    // that exists (at least one digit) or `${name}`.
    QString out = subject.left(m.capturedStart());
    const QString rep = toQString(replacement);
    const int groups = m_search.captureCount();
    for (qsizetype i = 0; i < rep.size(); ++i) {
        const QChar c = rep.at(i);
        if (c == QLatin1Char('\\')) {
            if (++i >= rep.size()) {
                throw std::invalid_argument("character to be escaped is missing");
            }
            out += rep.at(i);
        } else if (c == QLatin1Char('$')) {
            if (++i >= rep.size()) {
                throw std::invalid_argument("Illegal group reference: group index is missing");
            }
            if (rep.at(i) == QLatin1Char('{')) {
                const qsizetype close = rep.indexOf(QLatin1Char('}'), i);
                if (close < 0) {
                    throw std::invalid_argument("named capturing group is missing trailing '}'");
                }
                const QString name = rep.mid(i + 1, close - i - 1);
                if (!m_search.namedCaptureGroups().contains(name)) {
                    throw std::invalid_argument("No group with name {" + name.toStdString() + "}");
                }
                out += m.captured(name);
                i = close;
            } else {
                if (!rep.at(i).isDigit()) {
                    throw std::invalid_argument("Illegal group reference");
                }
                int group = rep.at(i).digitValue();
                if (group > groups) {
                    throw std::invalid_argument("No group " + std::to_string(group));
                }
                while (i + 1 < rep.size() && rep.at(i + 1).isDigit()) {
                    const int next = group * 10 + rep.at(i + 1).digitValue();
                    if (next > groups) {
                        break;
                    }
                    group = next;
                    ++i;
                }
                out += m.captured(group);
            }
        } else {
            out += c;
        }
    }
    out += subject.mid(m.capturedEnd());
    return out.toStdString();
}

} // namespace connectdesk::transforms
