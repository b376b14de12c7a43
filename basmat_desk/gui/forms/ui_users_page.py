# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'users_page.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView,
    QLabel, QPushButton, QSizePolicy, QSpacerItem,
    QTableView, QVBoxLayout, QWidget)

class Ui_UsersPage(object):
    def setupUi(self, UsersPage):
        if not UsersPage.objectName():
            UsersPage.setObjectName(u"UsersPage")
        UsersPage.resize(760, 520)
        self.verticalLayout = QVBoxLayout(UsersPage)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.titleLabel = QLabel(UsersPage)
        self.titleLabel.setObjectName(u"titleLabel")

        self.verticalLayout.addWidget(self.titleLabel)

        self.buttonsLayout = QHBoxLayout()
        self.buttonsLayout.setObjectName(u"buttonsLayout")
        self.addButton = QPushButton(UsersPage)
        self.addButton.setObjectName(u"addButton")

        self.buttonsLayout.addWidget(self.addButton)

        self.editButton = QPushButton(UsersPage)
        self.editButton.setObjectName(u"editButton")

        self.buttonsLayout.addWidget(self.editButton)

        self.resetPasswordButton = QPushButton(UsersPage)
        self.resetPasswordButton.setObjectName(u"resetPasswordButton")

        self.buttonsLayout.addWidget(self.resetPasswordButton)

        self.unlockButton = QPushButton(UsersPage)
        self.unlockButton.setObjectName(u"unlockButton")

        self.buttonsLayout.addWidget(self.unlockButton)

        self.buttonsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonsLayout.addItem(self.buttonsSpacer)


        self.verticalLayout.addLayout(self.buttonsLayout)

        self.table = QTableView(UsersPage)
        self.table.setObjectName(u"table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.verticalLayout.addWidget(self.table)

        self.statusLabel = QLabel(UsersPage)
        self.statusLabel.setObjectName(u"statusLabel")
        self.statusLabel.setWordWrap(True)

        self.verticalLayout.addWidget(self.statusLabel)


        self.retranslateUi(UsersPage)

        QMetaObject.connectSlotsByName(UsersPage)
    # setupUi

    def retranslateUi(self, UsersPage):
        self.titleLabel.setText(QCoreApplication.translate("UsersPage", u"\u0627\u0644\u0645\u0633\u062a\u062e\u062f\u0645\u0648\u0646", None))
        self.addButton.setText(QCoreApplication.translate("UsersPage", u"\u0625&\u0636\u0627\u0641\u0629 \u0645\u0633\u062a\u062e\u062f\u0645", None))
        self.editButton.setText(QCoreApplication.translate("UsersPage", u"&\u062a\u0639\u062f\u064a\u0644", None))
        self.resetPasswordButton.setText(QCoreApplication.translate("UsersPage", u"\u0625\u0639\u0627\u062f\u0629 \u062a\u0639\u064a\u064a\u0646 &\u0643\u0644\u0645\u0629 \u0627\u0644\u0645\u0631\u0648\u0631", None))
        self.unlockButton.setText(QCoreApplication.translate("UsersPage", u"&\u0641\u062a\u062d \u0627\u0644\u062d\u0633\u0627\u0628 \u0627\u0644\u0645\u0642\u0641\u0644", None))
        self.statusLabel.setText("")
        pass
    # retranslateUi

