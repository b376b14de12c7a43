# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'conflicts_page.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QFrame,
    QGroupBox, QHBoxLayout, QHeaderView, QLabel,
    QPushButton, QScrollArea, QSizePolicy, QSpacerItem,
    QSplitter, QTableView, QVBoxLayout, QWidget)

class Ui_ConflictsPage(object):
    def setupUi(self, ConflictsPage):
        if not ConflictsPage.objectName():
            ConflictsPage.setObjectName(u"ConflictsPage")
        ConflictsPage.resize(1100, 720)
        self.verticalLayout = QVBoxLayout(ConflictsPage)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.titleLayout = QHBoxLayout()
        self.titleLayout.setObjectName(u"titleLayout")
        self.titleLabel = QLabel(ConflictsPage)
        self.titleLabel.setObjectName(u"titleLabel")

        self.titleLayout.addWidget(self.titleLabel)

        self.titleSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.titleLayout.addItem(self.titleSpacer)

        self.showResolvedCheck = QCheckBox(ConflictsPage)
        self.showResolvedCheck.setObjectName(u"showResolvedCheck")

        self.titleLayout.addWidget(self.showResolvedCheck)

        self.countLabel = QLabel(ConflictsPage)
        self.countLabel.setObjectName(u"countLabel")

        self.titleLayout.addWidget(self.countLabel)


        self.verticalLayout.addLayout(self.titleLayout)

        self.introLabel = QLabel(ConflictsPage)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.verticalLayout.addWidget(self.introLabel)

        self.splitter = QSplitter(ConflictsPage)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.table = QTableView(self.splitter)
        self.table.setObjectName(u"table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.splitter.addWidget(self.table)
        self.detailBox = QGroupBox(self.splitter)
        self.detailBox.setObjectName(u"detailBox")
        self.detailLayout = QVBoxLayout(self.detailBox)
        self.detailLayout.setObjectName(u"detailLayout")
        self.recordLabel = QLabel(self.detailBox)
        self.recordLabel.setObjectName(u"recordLabel")
        self.recordLabel.setWordWrap(True)

        self.detailLayout.addWidget(self.recordLabel)

        self.explanationLabel = QLabel(self.detailBox)
        self.explanationLabel.setObjectName(u"explanationLabel")
        self.explanationLabel.setWordWrap(True)

        self.detailLayout.addWidget(self.explanationLabel)

        self.valuesLayout = QHBoxLayout()
        self.valuesLayout.setObjectName(u"valuesLayout")
        self.serverBox = QGroupBox(self.detailBox)
        self.serverBox.setObjectName(u"serverBox")
        self.serverLayout = QVBoxLayout(self.serverBox)
        self.serverLayout.setObjectName(u"serverLayout")
        self.serverScroll = QScrollArea(self.serverBox)
        self.serverScroll.setObjectName(u"serverScroll")
        self.serverScroll.setMinimumSize(QSize(0, 110))
        self.serverScroll.setWidgetResizable(True)
        self.serverScroll.setFrameShape(QFrame.Shape.NoFrame)
        self.serverContents = QWidget()
        self.serverContents.setObjectName(u"serverContents")
        self.serverContentsLayout = QVBoxLayout(self.serverContents)
        self.serverContentsLayout.setObjectName(u"serverContentsLayout")
        self.serverContentsLayout.setContentsMargins(0, 0, 0, 0)
        self.serverValueLabel = QLabel(self.serverContents)
        self.serverValueLabel.setObjectName(u"serverValueLabel")
        self.serverValueLabel.setWordWrap(True)
        self.serverValueLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.serverContentsLayout.addWidget(self.serverValueLabel)

        self.serverScroll.setWidget(self.serverContents)

        self.serverLayout.addWidget(self.serverScroll)


        self.valuesLayout.addWidget(self.serverBox)

        self.counterBox = QGroupBox(self.detailBox)
        self.counterBox.setObjectName(u"counterBox")
        self.counterLayout = QVBoxLayout(self.counterBox)
        self.counterLayout.setObjectName(u"counterLayout")
        self.counterScroll = QScrollArea(self.counterBox)
        self.counterScroll.setObjectName(u"counterScroll")
        self.counterScroll.setMinimumSize(QSize(0, 110))
        self.counterScroll.setWidgetResizable(True)
        self.counterScroll.setFrameShape(QFrame.Shape.NoFrame)
        self.counterContents = QWidget()
        self.counterContents.setObjectName(u"counterContents")
        self.counterContentsLayout = QVBoxLayout(self.counterContents)
        self.counterContentsLayout.setObjectName(u"counterContentsLayout")
        self.counterContentsLayout.setContentsMargins(0, 0, 0, 0)
        self.counterValueLabel = QLabel(self.counterContents)
        self.counterValueLabel.setObjectName(u"counterValueLabel")
        self.counterValueLabel.setWordWrap(True)
        self.counterValueLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.counterContentsLayout.addWidget(self.counterValueLabel)

        self.counterScroll.setWidget(self.counterContents)

        self.counterLayout.addWidget(self.counterScroll)


        self.valuesLayout.addWidget(self.counterBox)


        self.detailLayout.addLayout(self.valuesLayout)

        self.buttonsLayout = QHBoxLayout()
        self.buttonsLayout.setObjectName(u"buttonsLayout")
        self.keepServerButton = QPushButton(self.detailBox)
        self.keepServerButton.setObjectName(u"keepServerButton")

        self.buttonsLayout.addWidget(self.keepServerButton)

        self.takeCounterButton = QPushButton(self.detailBox)
        self.takeCounterButton.setObjectName(u"takeCounterButton")

        self.buttonsLayout.addWidget(self.takeCounterButton)

        self.refusalLabel = QLabel(self.detailBox)
        self.refusalLabel.setObjectName(u"refusalLabel")
        self.refusalLabel.setWordWrap(True)

        self.buttonsLayout.addWidget(self.refusalLabel)

        self.buttonsLayout.setStretch(2, 1)

        self.detailLayout.addLayout(self.buttonsLayout)

        self.splitter.addWidget(self.detailBox)

        self.verticalLayout.addWidget(self.splitter)

        self.statusLabel = QLabel(ConflictsPage)
        self.statusLabel.setObjectName(u"statusLabel")
        self.statusLabel.setWordWrap(True)

        self.verticalLayout.addWidget(self.statusLabel)


        self.retranslateUi(ConflictsPage)

        QMetaObject.connectSlotsByName(ConflictsPage)
    # setupUi

    def retranslateUi(self, ConflictsPage):
        self.titleLabel.setText(QCoreApplication.translate("ConflictsPage", u"\u062a\u0639\u0627\u0631\u0636\u0627\u062a \u0627\u0644\u0645\u0632\u0627\u0645\u0646\u0629", None))
        self.showResolvedCheck.setText(QCoreApplication.translate("ConflictsPage", u"\u0625\u0638\u0647\u0627\u0631 \u0645\u0627 \u062d\u064f&\u0633\u0645 \u0645\u0646 \u0642\u0628\u0644", None))
        self.countLabel.setText("")
        self.introLabel.setText(QCoreApplication.translate("ConflictsPage", u"\u062d\u064a\u0646 \u064a\u064f\u0639\u062f\u064e\u0651\u0644 \u0627\u0644\u0634\u064a\u0621 \u0646\u0641\u0633\u0647 \u0639\u0644\u0649 \u0643\u0627\u0648\u0646\u062a\u0631\u064a\u0646 \u0642\u0628\u0644 \u0623\u0646 \u064a\u062a\u0632\u0627\u0645\u0646\u0627\u060c \u064a\u0628\u0642\u0649 \u0639\u0644\u0649 \u0627\u0644\u062e\u0627\u062f\u0645 \u0645\u0627 \u0648\u0635\u0644\u0647 \u0623\u0648\u0644\u0627\u064b\u060c \u0648\u064a\u064f\u062d\u0641\u0638 \u0627\u0644\u0622\u062e\u0631 \u0647\u0646\u0627 \u0643\u0627\u0645\u0644\u0627\u064b. \u0631\u0627\u062c\u0639 \u0643\u0644 \u062a\u0639\u0627\u0631\u0636 \u0648\u0627\u062e\u062a\u0631 \u0627\u0644\u0642\u064a\u0645\u0629 \u0627\u0644\u0635\u062d\u064a\u062d\u0629.", None))
        self.detailBox.setTitle(QCoreApplication.translate("ConflictsPage", u"\u0627\u0644\u062a\u0641\u0627\u0635\u064a\u0644", None))
        self.recordLabel.setText("")
        self.explanationLabel.setText("")
        self.serverBox.setTitle(QCoreApplication.translate("ConflictsPage", u"\u0642\u064a\u0645\u0629 \u0627\u0644\u062e\u0627\u062f\u0645 (\u0627\u0644\u062d\u0627\u0644\u064a\u0629)", None))
        self.serverValueLabel.setText("")
        self.counterBox.setTitle(QCoreApplication.translate("ConflictsPage", u"\u0642\u064a\u0645\u0629 \u0627\u0644\u0643\u0627\u0648\u0646\u062a\u0631", None))
        self.counterValueLabel.setText("")
        self.keepServerButton.setText(QCoreApplication.translate("ConflictsPage", u"\u0625&\u0628\u0642\u0627\u0621 \u0642\u064a\u0645\u0629 \u0627\u0644\u062e\u0627\u062f\u0645", None))
        self.takeCounterButton.setText(QCoreApplication.translate("ConflictsPage", u"\u0627&\u0639\u062a\u0645\u0627\u062f \u0642\u064a\u0645\u0629 \u0627\u0644\u0643\u0627\u0648\u0646\u062a\u0631", None))
        self.refusalLabel.setText("")
        self.statusLabel.setText("")
        pass
    # retranslateUi

