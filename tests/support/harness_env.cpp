#include "harness_env.h"

#include <QFile>

namespace connectdesk::testing {

QHash<QString, QString> harnessEnv()
{
    QHash<QString, QString> values;
    const QString path = qEnvironmentVariable("CONNECTDESK_HARNESS_ENV");
    if (path.isEmpty())
        return values;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return values;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')) || eq <= 0)
            continue;
        values.insert(line.left(eq), line.mid(eq + 1));
    }
    return values;
}

QString harnessValue(const QString& key)
{
    return harnessEnv().value(key);
}

} // namespace connectdesk::testing
