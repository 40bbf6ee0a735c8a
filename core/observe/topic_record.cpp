#include "observe/topic_record.h"

namespace connectdesk::observe {

QString escapedBytes(const QByteArray& bytes)
{
    static constexpr char kHex[] = "0123456789abcdef";
    QString out;
    out.reserve(bytes.size());
    for (const char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte == '\\') {
            out += QLatin1String("\\\\");
        } else if (byte >= 0x20 && byte < 0x7f) {
            out += QLatin1Char(c);
        } else {
            out += QLatin1String("\\x");
            out += QLatin1Char(kHex[byte >> 4]);
            out += QLatin1Char(kHex[byte & 0x0f]);
        }
    }
    return out;
}

QString hexBytes(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toHex(' '));
}

} // namespace connectdesk::observe
