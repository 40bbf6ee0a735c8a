#include "state_style.h"

#include <QHash>
#include <QPainter>
#include <QPixmap>

namespace connectdesk::ui {

QColor stateColor(const QString& state)
{
    // Colours chosen to read on light and dark palettes; FAILED is the one that must jump out.
    if (state == QLatin1String("RUNNING"))
        return QColor(0x2e, 0x9e, 0x44);
    if (state == QLatin1String("FAILED"))
        return QColor(0xd3, 0x2f, 0x2f);
    if (state == QLatin1String("PAUSED"))
        return QColor(0xe0, 0x9b, 0x13);
    if (state == QLatin1String("STOPPED"))
        return QColor(0x75, 0x75, 0x75);
    if (state == QLatin1String("RESTARTING"))
        return QColor(0x1e, 0x88, 0xe5);
    if (state == QLatin1String("UNASSIGNED"))
        return QColor(0x9e, 0x9e, 0x9e);
    return QColor(0x8e, 0x24, 0xaa); // a state this console does not know yet
}

QIcon stateIcon(const QString& state)
{
    // Drawn rather than shipped so a state added by a future Connect version still gets an icon.
    static QHash<QString, QIcon> cache;
    auto it = cache.find(state);
    if (it != cache.end())
        return *it;
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor colour = stateColor(state);
    painter.setPen(QPen(colour.darker(130), 1));
    painter.setBrush(colour);
    if (state == QLatin1String("PAUSED")) {
        painter.drawRect(QRectF(3, 3, 3.5, 10));
        painter.drawRect(QRectF(9.5, 3, 3.5, 10));
    } else if (state == QLatin1String("STOPPED")) {
        painter.drawRect(QRectF(3, 3, 10, 10));
    } else if (state == QLatin1String("FAILED")) {
        painter.drawEllipse(QRectF(1.5, 1.5, 13, 13));
        painter.setPen(QPen(Qt::white, 2));
        painter.drawLine(QPointF(5.5, 5.5), QPointF(10.5, 10.5));
        painter.drawLine(QPointF(10.5, 5.5), QPointF(5.5, 10.5));
    } else {
        painter.drawEllipse(QRectF(2.5, 2.5, 11, 11));
    }
    painter.end();
    return *cache.insert(state, QIcon(pixmap));
}

QString stateLabel(const QString& state)
{
    if (state.isEmpty())
        return QStringLiteral("—");
    return state.left(1) + state.mid(1).toLower();
}

} // namespace connectdesk::ui
