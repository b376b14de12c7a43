# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'dashboard_page.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QGridLayout, QHeaderView,
    QLabel, QSizePolicy, QTableView, QVBoxLayout,
    QWidget)

class Ui_DashboardPage(object):
    def setupUi(self, DashboardPage):
        if not DashboardPage.objectName():
            DashboardPage.setObjectName(u"DashboardPage")
        DashboardPage.resize(760, 560)
        self.verticalLayout = QVBoxLayout(DashboardPage)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.titleLabel = QLabel(DashboardPage)
        self.titleLabel.setObjectName(u"titleLabel")

        self.verticalLayout.addWidget(self.titleLabel)

        self.dateLabel = QLabel(DashboardPage)
        self.dateLabel.setObjectName(u"dateLabel")

        self.verticalLayout.addWidget(self.dateLabel)

        self.cardsLayout = QGridLayout()
        self.cardsLayout.setObjectName(u"cardsLayout")
        self.beneficiariesCard = QLabel(DashboardPage)
        self.beneficiariesCard.setObjectName(u"beneficiariesCard")
        self.beneficiariesCard.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.cardsLayout.addWidget(self.beneficiariesCard, 0, 0, 1, 1)

        self.contactsTodayCard = QLabel(DashboardPage)
        self.contactsTodayCard.setObjectName(u"contactsTodayCard")
        self.contactsTodayCard.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.cardsLayout.addWidget(self.contactsTodayCard, 0, 1, 1, 1)

        self.waitingCard = QLabel(DashboardPage)
        self.waitingCard.setObjectName(u"waitingCard")
        self.waitingCard.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.cardsLayout.addWidget(self.waitingCard, 0, 2, 1, 1)

        self.servedCard = QLabel(DashboardPage)
        self.servedCard.setObjectName(u"servedCard")
        self.servedCard.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.cardsLayout.addWidget(self.servedCard, 0, 3, 1, 1)


        self.verticalLayout.addLayout(self.cardsLayout)

        self.channelsLabel = QLabel(DashboardPage)
        self.channelsLabel.setObjectName(u"channelsLabel")

        self.verticalLayout.addWidget(self.channelsLabel)

        self.channelsTable = QTableView(DashboardPage)
        self.channelsTable.setObjectName(u"channelsTable")
        self.channelsTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.channelsTable.setAlternatingRowColors(True)
        self.channelsTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.verticalLayout.addWidget(self.channelsTable)

        self.statusLabel = QLabel(DashboardPage)
        self.statusLabel.setObjectName(u"statusLabel")

        self.verticalLayout.addWidget(self.statusLabel)


        self.retranslateUi(DashboardPage)

        QMetaObject.connectSlotsByName(DashboardPage)
    # setupUi

    def retranslateUi(self, DashboardPage):
        self.titleLabel.setText(QCoreApplication.translate("DashboardPage", u"\u0644\u0648\u062d\u0629 \u0627\u0644\u064a\u0648\u0645", None))
        self.dateLabel.setText("")
        self.beneficiariesCard.setText("")
        self.contactsTodayCard.setText("")
        self.waitingCard.setText("")
        self.servedCard.setText("")
        self.channelsLabel.setText(QCoreApplication.translate("DashboardPage", u"\u0627\u0644\u062a\u0648\u0627\u0635\u0644 \u062d\u0633\u0628 \u0627\u0644\u0642\u0646\u0627\u0629", None))
        self.statusLabel.setText("")
        pass
    # retranslateUi

