#include "observe/observe_json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>

#include <cstdint>

namespace connectdesk::observe::detail {

namespace {

QJsonValue toQt(const rapidjson::Value& value)
{
    switch (value.GetType()) {
    case rapidjson::kNullType:
        return QJsonValue(QJsonValue::Null);
    case rapidjson::kFalseType:
        return false;
    case rapidjson::kTrueType:
        return true;
    case rapidjson::kStringType:
        return QString::fromUtf8(value.GetString(), static_cast<qsizetype>(value.GetStringLength()));
    case rapidjson::kNumberType:
        if (value.IsInt64())
            return QJsonValue(static_cast<qint64>(value.GetInt64()));
        return value.GetDouble();
    case rapidjson::kArrayType: {
        QJsonArray array;
        for (const auto& item : value.GetArray())
            array.append(toQt(item));
        return array;
    }
    case rapidjson::kObjectType: {
        QJsonObject object;
        for (const auto& member : value.GetObject()) {
            object.insert(QString::fromUtf8(member.name.GetString(),
                                            static_cast<qsizetype>(member.name.GetStringLength())),
                          toQt(member.value));
        }
        return object;
    }
    }
    return QJsonValue(QJsonValue::Undefined);
}

using PrettyWriter = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void indentLikeQt(PrettyWriter& writer)
{
    writer.SetIndent(' ', 4);
}

QString prettyText(const rapidjson::Value& value)
{
    rapidjson::StringBuffer buffer;
    PrettyWriter writer(buffer);
    indentLikeQt(writer);
    value.Accept(writer);
    return QString::fromUtf8(buffer.GetString(), static_cast<qsizetype>(buffer.GetSize()));
}

// Forwards SAX events to the writer; numbers arrive as their source text (kParseNumbersAsStrings)
// and are written unquoted, which rapidjson's own Writer::RawNumber does not do (it quotes them).
struct NumbersAsWritten {
    PrettyWriter& writer;
    bool Null() { return writer.Null(); }
    bool Bool(bool b) { return writer.Bool(b); }
    bool Int(int i) { return writer.Int(i); }
    bool Uint(unsigned u) { return writer.Uint(u); }
    bool Int64(std::int64_t i) { return writer.Int64(i); }
    bool Uint64(std::uint64_t u) { return writer.Uint64(u); }
    bool Double(double d) { return writer.Double(d); }
    bool RawNumber(const char* text, rapidjson::SizeType length, bool /*copy*/)
    {
        return writer.RawValue(text, length, rapidjson::kNumberType);
    }
    bool String(const char* text, rapidjson::SizeType length, bool copy)
    {
        return writer.String(text, length, copy);
    }
    bool StartObject() { return writer.StartObject(); }
    bool Key(const char* text, rapidjson::SizeType length, bool copy)
    {
        return writer.Key(text, length, copy);
    }
    bool EndObject(rapidjson::SizeType count) { return writer.EndObject(count); }
    bool StartArray() { return writer.StartArray(); }
    bool EndArray(rapidjson::SizeType count) { return writer.EndArray(count); }
};

} // namespace

std::optional<QString> prettyJsonText(const QByteArray& bytes)
{
    rapidjson::StringBuffer buffer;
    PrettyWriter writer(buffer);
    indentLikeQt(writer);
    rapidjson::MemoryStream stream(bytes.constData(), static_cast<std::size_t>(bytes.size()));
    rapidjson::Reader reader;
    // Numbers go through as their source text (RawNumber), so 1.50 or 2^63 are not reformatted.
    NumbersAsWritten handler{writer};
    if (!reader.Parse<rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseStopWhenDoneFlag>(stream,
                                                                                                 handler))
        return std::nullopt;
    // Only whitespace may follow the value.
    for (qsizetype i = static_cast<qsizetype>(stream.Tell()); i < bytes.size(); ++i) {
        const char c = bytes.at(i);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return std::nullopt;
    }
    return QString::fromUtf8(buffer.GetString(), static_cast<qsizetype>(buffer.GetSize()));
}

std::optional<EnvelopeText> prettyEnvelope(const QByteArray& bytes)
{
    rapidjson::Document document;
    document.Parse<rapidjson::kParseFullPrecisionFlag>(bytes.constData(),
                                                       static_cast<std::size_t>(bytes.size()));
    if (document.HasParseError() || !document.IsObject() || document.MemberCount() != 2)
        return std::nullopt;
    if (!document.HasMember("schema") || !document.HasMember("payload"))
        return std::nullopt;
    const rapidjson::Value& schema = document["schema"];
    EnvelopeText text;
    if (!schema.IsNull())
        text.schema = prettyText(schema);
    text.payload = prettyText(document["payload"]);
    return text;
}

std::optional<QJsonValue> parseJson(const QByteArray& bytes, QString* error)
{
    rapidjson::Document document;
    // Size-bounded parse: record bytes are not NUL-terminated and may contain NULs.
    document.Parse<rapidjson::kParseFullPrecisionFlag>(bytes.constData(),
                                                       static_cast<std::size_t>(bytes.size()));
    if (document.HasParseError()) {
        if (error) {
            *error = QStringLiteral("invalid JSON at byte %1: %2")
                         .arg(document.GetErrorOffset())
                         .arg(QString::fromUtf8(rapidjson::GetParseError_En(document.GetParseError())));
        }
        return std::nullopt;
    }
    return toQt(document);
}

QString compactJson(const QJsonValue& value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    // Scalars: wrap in an array and strip the brackets, so strings get JSON quoting.
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

QString prettyJson(const QJsonValue& value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented)).trimmed();
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented)).trimmed();
    return compactJson(value);
}

} // namespace connectdesk::observe::detail
