# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'intake_page.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QFrame, QGridLayout,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPushButton, QScrollArea, QSizePolicy, QSpacerItem,
    QSplitter, QTableView, QVBoxLayout, QWidget)

from basmat_desk.gui.widgets import ElidedLabel

class Ui_IntakePage(object):
    def setupUi(self, IntakePage):
        if not IntakePage.objectName():
            IntakePage.setObjectName(u"IntakePage")
        IntakePage.resize(1100, 640)
        self.verticalLayout = QVBoxLayout(IntakePage)
        self.verticalLayout.setSpacing(4)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.titleLayout = QHBoxLayout()
        self.titleLayout.setObjectName(u"titleLayout")
        self.titleLabel = QLabel(IntakePage)
        self.titleLabel.setObjectName(u"titleLabel")

        self.titleLayout.addWidget(self.titleLabel)

        self.titleSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.titleLayout.addItem(self.titleSpacer)

        self.currentTicketLabel = QLabel(IntakePage)
        self.currentTicketLabel.setObjectName(u"currentTicketLabel")

        self.titleLayout.addWidget(self.currentTicketLabel)


        self.verticalLayout.addLayout(self.titleLayout)

        self.splitter = QSplitter(IntakePage)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.queuePane = QWidget(self.splitter)
        self.queuePane.setObjectName(u"queuePane")
        self.queuePaneLayout = QVBoxLayout(self.queuePane)
        self.queuePaneLayout.setObjectName(u"queuePaneLayout")
        self.queuePaneLayout.setContentsMargins(1, 0, 1, 0)
        self.queueLabel = QLabel(self.queuePane)
        self.queueLabel.setObjectName(u"queueLabel")

        self.queuePaneLayout.addWidget(self.queueLabel)

        self.queueTable = QTableView(self.queuePane)
        self.queueTable.setObjectName(u"queueTable")
        self.queueTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.queueTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.queueTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.queueTable.setAlternatingRowColors(True)

        self.queuePaneLayout.addWidget(self.queueTable)

        self.queueSummaryLabel = QLabel(self.queuePane)
        self.queueSummaryLabel.setObjectName(u"queueSummaryLabel")
        self.queueSummaryLabel.setWordWrap(True)

        self.queuePaneLayout.addWidget(self.queueSummaryLabel)

        self.queueButtons = QGridLayout()
        self.queueButtons.setObjectName(u"queueButtons")
        self.issueTicketButton = QPushButton(self.queuePane)
        self.issueTicketButton.setObjectName(u"issueTicketButton")

        self.queueButtons.addWidget(self.issueTicketButton, 0, 0, 1, 1)

        self.callNextButton = QPushButton(self.queuePane)
        self.callNextButton.setObjectName(u"callNextButton")

        self.queueButtons.addWidget(self.callNextButton, 0, 1, 1, 1)

        self.startServingButton = QPushButton(self.queuePane)
        self.startServingButton.setObjectName(u"startServingButton")

        self.queueButtons.addWidget(self.startServingButton, 1, 0, 1, 1)

        self.finishButton = QPushButton(self.queuePane)
        self.finishButton.setObjectName(u"finishButton")

        self.queueButtons.addWidget(self.finishButton, 1, 1, 1, 1)

        self.noShowButton = QPushButton(self.queuePane)
        self.noShowButton.setObjectName(u"noShowButton")

        self.queueButtons.addWidget(self.noShowButton, 2, 0, 1, 1)

        self.cancelTicketButton = QPushButton(self.queuePane)
        self.cancelTicketButton.setObjectName(u"cancelTicketButton")

        self.queueButtons.addWidget(self.cancelTicketButton, 2, 1, 1, 1)

        self.undoButton = QPushButton(self.queuePane)
        self.undoButton.setObjectName(u"undoButton")

        self.queueButtons.addWidget(self.undoButton, 3, 0, 1, 1)

        self.requeueButton = QPushButton(self.queuePane)
        self.requeueButton.setObjectName(u"requeueButton")

        self.queueButtons.addWidget(self.requeueButton, 3, 1, 1, 1)


        self.queuePaneLayout.addLayout(self.queueButtons)

        self.splitter.addWidget(self.queuePane)
        self.centerSplitter = QSplitter(self.splitter)
        self.centerSplitter.setObjectName(u"centerSplitter")
        self.centerSplitter.setOrientation(Qt.Orientation.Vertical)
        self.centerSplitter.setChildrenCollapsible(False)
        self.searchPane = QWidget(self.centerSplitter)
        self.searchPane.setObjectName(u"searchPane")
        self.searchPaneLayout = QVBoxLayout(self.searchPane)
        self.searchPaneLayout.setObjectName(u"searchPaneLayout")
        self.searchPaneLayout.setContentsMargins(0, 0, 0, 0)
        self.searchLayout = QHBoxLayout()
        self.searchLayout.setObjectName(u"searchLayout")
        self.searchLabel = QLabel(self.searchPane)
        self.searchLabel.setObjectName(u"searchLabel")

        self.searchLayout.addWidget(self.searchLabel)

        self.searchEdit = QLineEdit(self.searchPane)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.searchLayout.addWidget(self.searchEdit)

        self.registerButton = QPushButton(self.searchPane)
        self.registerButton.setObjectName(u"registerButton")

        self.searchLayout.addWidget(self.registerButton)


        self.searchPaneLayout.addLayout(self.searchLayout)

        self.resultsTable = QTableView(self.searchPane)
        self.resultsTable.setObjectName(u"resultsTable")
        self.resultsTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.resultsTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.resultsTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.resultsTable.setAlternatingRowColors(True)

        self.searchPaneLayout.addWidget(self.resultsTable)

        self.searchStatusLabel = QLabel(self.searchPane)
        self.searchStatusLabel.setObjectName(u"searchStatusLabel")

        self.searchPaneLayout.addWidget(self.searchStatusLabel)

        self.centerSplitter.addWidget(self.searchPane)
        self.personPane = QWidget(self.centerSplitter)
        self.personPane.setObjectName(u"personPane")
        self.personPaneLayout = QVBoxLayout(self.personPane)
        self.personPaneLayout.setObjectName(u"personPaneLayout")
        self.personPaneLayout.setContentsMargins(0, 0, 0, 0)
        self.personNameLabel = ElidedLabel(self.personPane)
        self.personNameLabel.setObjectName(u"personNameLabel")

        self.personPaneLayout.addWidget(self.personNameLabel)

        self.personButtons = QHBoxLayout()
        self.personButtons.setObjectName(u"personButtons")
        self.editButton = QPushButton(self.personPane)
        self.editButton.setObjectName(u"editButton")

        self.personButtons.addWidget(self.editButton)

        self.logContactButton = QPushButton(self.personPane)
        self.logContactButton.setObjectName(u"logContactButton")

        self.personButtons.addWidget(self.logContactButton)

        self.linkTicketButton = QPushButton(self.personPane)
        self.linkTicketButton.setObjectName(u"linkTicketButton")

        self.personButtons.addWidget(self.linkTicketButton)

        self.personSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.personButtons.addItem(self.personSpacer)


        self.personPaneLayout.addLayout(self.personButtons)

        self.personBody = QHBoxLayout()
        self.personBody.setObjectName(u"personBody")
        self.personDetailsScroll = QScrollArea(self.personPane)
        self.personDetailsScroll.setObjectName(u"personDetailsScroll")
        self.personDetailsScroll.setFrameShape(QFrame.Shape.NoFrame)
        self.personDetailsScroll.setWidgetResizable(True)
        self.personDetailsScroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.personDetailsLabel = QLabel()
        self.personDetailsLabel.setObjectName(u"personDetailsLabel")
        self.personDetailsLabel.setWordWrap(True)
        self.personDetailsLabel.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)
        self.personDetailsLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.personDetailsScroll.setWidget(self.personDetailsLabel)

        self.personBody.addWidget(self.personDetailsScroll)

        self.historyLayout = QVBoxLayout()
        self.historyLayout.setObjectName(u"historyLayout")
        self.historyLabel = QLabel(self.personPane)
        self.historyLabel.setObjectName(u"historyLabel")

        self.historyLayout.addWidget(self.historyLabel)

        self.historyTable = QTableView(self.personPane)
        self.historyTable.setObjectName(u"historyTable")
        self.historyTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.historyTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.historyTable.setAlternatingRowColors(True)
        self.historyTable.setWordWrap(True)

        self.historyLayout.addWidget(self.historyTable)


        self.personBody.addLayout(self.historyLayout)


        self.personPaneLayout.addLayout(self.personBody)

        self.centerSplitter.addWidget(self.personPane)
        self.splitter.addWidget(self.centerSplitter)

        self.verticalLayout.addWidget(self.splitter)

        self.statusLabel = QLabel(IntakePage)
        self.statusLabel.setObjectName(u"statusLabel")
        self.statusLabel.setWordWrap(True)

        self.verticalLayout.addWidget(self.statusLabel)

#if QT_CONFIG(shortcut)
        self.searchLabel.setBuddy(self.searchEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.searchEdit, self.resultsTable)
        QWidget.setTabOrder(self.resultsTable, self.registerButton)
        QWidget.setTabOrder(self.registerButton, self.editButton)
        QWidget.setTabOrder(self.editButton, self.logContactButton)
        QWidget.setTabOrder(self.logContactButton, self.linkTicketButton)
        QWidget.setTabOrder(self.linkTicketButton, self.queueTable)
        QWidget.setTabOrder(self.queueTable, self.historyTable)

        self.retranslateUi(IntakePage)

        QMetaObject.connectSlotsByName(IntakePage)
    # setupUi

    def retranslateUi(self, IntakePage):
        self.titleLabel.setText(QCoreApplication.translate("IntakePage", u"\u0627\u0644\u0627\u0633\u062a\u0642\u0628\u0627\u0644", None))
        self.currentTicketLabel.setText("")
        self.queueLabel.setText(QCoreApplication.translate("IntakePage", u"\u0637\u0627\u0628\u0648\u0631 \u0627\u0644\u064a\u0648\u0645", None))
        self.queueSummaryLabel.setText("")
        self.issueTicketButton.setText(QCoreApplication.translate("IntakePage", u"\u0625\u0635\u062f\u0627\u0631 \u062a\u0630\u0643\u0631\u0629", None))
        self.callNextButton.setText(QCoreApplication.translate("IntakePage", u"\u0646\u062f\u0627\u0621 \u0627\u0644\u062a\u0627\u0644\u064a", None))
        self.startServingButton.setText(QCoreApplication.translate("IntakePage", u"\u0628\u062f\u0621 \u0627\u0644\u062e\u062f\u0645\u0629", None))
        self.finishButton.setText(QCoreApplication.translate("IntakePage", u"\u0625\u0646\u0647\u0627\u0621 \u0627\u0644\u062e\u062f\u0645\u0629", None))
        self.noShowButton.setText(QCoreApplication.translate("IntakePage", u"\u0644\u0645 \u064a\u062d\u0636\u0631", None))
        self.cancelTicketButton.setText(QCoreApplication.translate("IntakePage", u"\u0625\u0644\u063a\u0627\u0621 \u0627\u0644\u062a\u0630\u0643\u0631\u0629", None))
        self.undoButton.setText(QCoreApplication.translate("IntakePage", u"\u062a\u0631\u0627\u062c\u0639", None))
        self.requeueButton.setText(QCoreApplication.translate("IntakePage", u"\u0625\u0639\u0627\u062f\u0629 \u0644\u0644\u0627\u0646\u062a\u0638\u0627\u0631", None))
        self.searchLabel.setText(QCoreApplication.translate("IntakePage", u"\u0628&\u062d\u062b", None))
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("IntakePage", u"\u0627\u0644\u0627\u0633\u0645\u060c \u0631\u0642\u0645 \u0627\u0644\u0647\u0648\u064a\u0629\u060c \u0627\u0644\u062c\u0648\u0627\u0644 \u0623\u0648 \u0622\u062e\u0631 \u0623\u0631\u0642\u0627\u0645\u0647", None))
        self.registerButton.setText(QCoreApplication.translate("IntakePage", u"\u0645\u0633\u062a\u0641\u064a\u062f \u062c\u062f\u064a\u062f", None))
        self.searchStatusLabel.setText("")
        self.personNameLabel.setText("")
        self.editButton.setText(QCoreApplication.translate("IntakePage", u"\u062a\u0639\u062f\u064a\u0644", None))
        self.logContactButton.setText(QCoreApplication.translate("IntakePage", u"\u062a\u0633\u062c\u064a\u0644 \u062a\u0648\u0627\u0635\u0644", None))
        self.linkTicketButton.setText(QCoreApplication.translate("IntakePage", u"\u0631\u0628\u0637 \u0627\u0644\u062a\u0630\u0643\u0631\u0629", None))
        self.personDetailsLabel.setText("")
        self.historyLabel.setText(QCoreApplication.translate("IntakePage", u"\u0633\u062c\u0644 \u0627\u0644\u062a\u0648\u0627\u0635\u0644", None))
        self.statusLabel.setText("")
        pass
    # retranslateUi

