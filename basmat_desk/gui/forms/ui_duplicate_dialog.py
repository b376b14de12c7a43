# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'duplicate_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QDialog,
    QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QSizePolicy, QSpacerItem, QTableView, QVBoxLayout,
    QWidget)

class Ui_DuplicateDialog(object):
    def setupUi(self, DuplicateDialog):
        if not DuplicateDialog.objectName():
            DuplicateDialog.setObjectName(u"DuplicateDialog")
        DuplicateDialog.resize(820, 560)
        self.verticalLayout = QVBoxLayout(DuplicateDialog)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.titleLabel = QLabel(DuplicateDialog)
        self.titleLabel.setObjectName(u"titleLabel")

        self.verticalLayout.addWidget(self.titleLabel)

        self.introLabel = QLabel(DuplicateDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.verticalLayout.addWidget(self.introLabel)

        self.candidateLayout = QHBoxLayout()
        self.candidateLayout.setObjectName(u"candidateLayout")
        self.candidateLabel = QLabel(DuplicateDialog)
        self.candidateLabel.setObjectName(u"candidateLabel")

        self.candidateLayout.addWidget(self.candidateLabel)

        self.candidateCombo = QComboBox(DuplicateDialog)
        self.candidateCombo.setObjectName(u"candidateCombo")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.candidateCombo.sizePolicy().hasHeightForWidth())
        self.candidateCombo.setSizePolicy(sizePolicy)

        self.candidateLayout.addWidget(self.candidateCombo)


        self.verticalLayout.addLayout(self.candidateLayout)

        self.reasonsLabel = QLabel(DuplicateDialog)
        self.reasonsLabel.setObjectName(u"reasonsLabel")
        self.reasonsLabel.setWordWrap(True)

        self.verticalLayout.addWidget(self.reasonsLabel)

        self.comparisonTable = QTableView(DuplicateDialog)
        self.comparisonTable.setObjectName(u"comparisonTable")
        self.comparisonTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.comparisonTable.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.comparisonTable.setAlternatingRowColors(True)

        self.verticalLayout.addWidget(self.comparisonTable)

        self.buttonsLayout = QHBoxLayout()
        self.buttonsLayout.setObjectName(u"buttonsLayout")
        self.openExistingButton = QPushButton(DuplicateDialog)
        self.openExistingButton.setObjectName(u"openExistingButton")

        self.buttonsLayout.addWidget(self.openExistingButton)

        self.differentPersonButton = QPushButton(DuplicateDialog)
        self.differentPersonButton.setObjectName(u"differentPersonButton")
        self.differentPersonButton.setAutoDefault(False)

        self.buttonsLayout.addWidget(self.differentPersonButton)

        self.buttonsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonsLayout.addItem(self.buttonsSpacer)

        self.backButton = QPushButton(DuplicateDialog)
        self.backButton.setObjectName(u"backButton")
        self.backButton.setAutoDefault(False)

        self.buttonsLayout.addWidget(self.backButton)


        self.verticalLayout.addLayout(self.buttonsLayout)

#if QT_CONFIG(shortcut)
        self.candidateLabel.setBuddy(self.candidateCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(DuplicateDialog)

        self.openExistingButton.setDefault(True)


        QMetaObject.connectSlotsByName(DuplicateDialog)
    # setupUi

    def retranslateUi(self, DuplicateDialog):
        DuplicateDialog.setWindowTitle(QCoreApplication.translate("DuplicateDialog", u"\u0642\u062f \u064a\u0643\u0648\u0646 \u0645\u0633\u062c\u0644\u0627\u064b \u0645\u0646 \u0642\u0628\u0644", None))
        self.titleLabel.setText(QCoreApplication.translate("DuplicateDialog", u"\u0642\u062f \u064a\u0643\u0648\u0646 \u0647\u0630\u0627 \u0627\u0644\u0634\u062e\u0635 \u0645\u0633\u062c\u0644\u0627\u064b \u0645\u0646 \u0642\u0628\u0644", None))
        self.introLabel.setText(QCoreApplication.translate("DuplicateDialog", u"\u0642\u0627\u0631\u0646 \u0627\u0644\u0628\u064a\u0627\u0646\u0627\u062a \u0627\u0644\u0645\u062f\u062e\u0644\u0629 \u0628\u0627\u0644\u0633\u062c\u0644 \u0627\u0644\u0645\u0648\u062c\u0648\u062f. \u0627\u0641\u062a\u062d \u0627\u0644\u0633\u062c\u0644 \u0627\u0644\u0645\u0648\u062c\u0648\u062f \u0625\u0646 \u0643\u0627\u0646 \u0627\u0644\u0634\u062e\u0635 \u0646\u0641\u0633\u0647\u060c \u0623\u0648 \u0623\u0643\u0651\u062f \u0623\u0646\u0647 \u0634\u062e\u0635 \u0645\u062e\u062a\u0644\u0641 \u0644\u0645\u062a\u0627\u0628\u0639\u0629 \u0627\u0644\u062d\u0641\u0638.", None))
        self.candidateLabel.setText(QCoreApplication.translate("DuplicateDialog", u"\u0627\u0644&\u0633\u062c\u0644 \u0627\u0644\u0645\u0634\u0627\u0628\u0647", None))
        self.reasonsLabel.setText("")
        self.openExistingButton.setText(QCoreApplication.translate("DuplicateDialog", u"&\u0641\u062a\u062d \u0627\u0644\u0633\u062c\u0644 \u0627\u0644\u0645\u0648\u062c\u0648\u062f", None))
        self.differentPersonButton.setText(QCoreApplication.translate("DuplicateDialog", u"\u0634\u062e\u0635 &\u0645\u062e\u062a\u0644\u0641 \u2014 \u062a\u0627\u0628\u0639 \u0627\u0644\u062d\u0641\u0638", None))
        self.backButton.setText(QCoreApplication.translate("DuplicateDialog", u"\u0627\u0644&\u0631\u062c\u0648\u0639 \u0625\u0644\u0649 \u0627\u0644\u0646\u0645\u0648\u0630\u062c", None))
    # retranslateUi

