# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'settings_page.ui'
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
from PySide6.QtWidgets import (QApplication, QFormLayout, QFrame, QGroupBox,
    QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
    QPushButton, QScrollArea, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

from basmat_desk.gui.widgets import MinutesSpinBox

class Ui_SettingsPage(object):
    def setupUi(self, SettingsPage):
        if not SettingsPage.objectName():
            SettingsPage.setObjectName(u"SettingsPage")
        SettingsPage.resize(760, 620)
        self.verticalLayout = QVBoxLayout(SettingsPage)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.titleLabel = QLabel(SettingsPage)
        self.titleLabel.setObjectName(u"titleLabel")

        self.verticalLayout.addWidget(self.titleLabel)

        self.scrollArea = QScrollArea(SettingsPage)
        self.scrollArea.setObjectName(u"scrollArea")
        self.scrollArea.setFrameShape(QFrame.Shape.NoFrame)
        self.scrollArea.setWidgetResizable(True)
        self.scrollArea.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.settingsContents = QWidget()
        self.settingsContents.setObjectName(u"settingsContents")
        self.contentsLayout = QVBoxLayout(self.settingsContents)
        self.contentsLayout.setObjectName(u"contentsLayout")
        self.contentsLayout.setContentsMargins(0, 0, 0, 0)
        self.associationGroup = QGroupBox(self.settingsContents)
        self.associationGroup.setObjectName(u"associationGroup")
        self.associationForm = QFormLayout(self.associationGroup)
        self.associationForm.setObjectName(u"associationForm")
        self.associationNameLabel = QLabel(self.associationGroup)
        self.associationNameLabel.setObjectName(u"associationNameLabel")

        self.associationForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.associationNameLabel)

        self.associationNameEdit = QLineEdit(self.associationGroup)
        self.associationNameEdit.setObjectName(u"associationNameEdit")
        self.associationNameEdit.setMaxLength(200)

        self.associationForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.associationNameEdit)

        self.letterheadLabel = QLabel(self.associationGroup)
        self.letterheadLabel.setObjectName(u"letterheadLabel")

        self.associationForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.letterheadLabel)

        self.letterheadEdit = QPlainTextEdit(self.associationGroup)
        self.letterheadEdit.setObjectName(u"letterheadEdit")
        self.letterheadEdit.setTabChangesFocus(True)
        self.letterheadEdit.setMinimumSize(QSize(0, 100))
        self.letterheadEdit.setMaximumSize(QSize(16777215, 120))

        self.associationForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.letterheadEdit)

        self.signatoryNameLabel = QLabel(self.associationGroup)
        self.signatoryNameLabel.setObjectName(u"signatoryNameLabel")

        self.associationForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.signatoryNameLabel)

        self.signatoryNameEdit = QLineEdit(self.associationGroup)
        self.signatoryNameEdit.setObjectName(u"signatoryNameEdit")
        self.signatoryNameEdit.setMaxLength(200)

        self.associationForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.signatoryNameEdit)

        self.signatoryTitleLabel = QLabel(self.associationGroup)
        self.signatoryTitleLabel.setObjectName(u"signatoryTitleLabel")

        self.associationForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.signatoryTitleLabel)

        self.signatoryTitleEdit = QLineEdit(self.associationGroup)
        self.signatoryTitleEdit.setObjectName(u"signatoryTitleEdit")
        self.signatoryTitleEdit.setMaxLength(120)

        self.associationForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.signatoryTitleEdit)


        self.contentsLayout.addWidget(self.associationGroup)

        self.securityGroup = QGroupBox(self.settingsContents)
        self.securityGroup.setObjectName(u"securityGroup")
        self.securityForm = QFormLayout(self.securityGroup)
        self.securityForm.setObjectName(u"securityForm")
        self.idleLockLabel = QLabel(self.securityGroup)
        self.idleLockLabel.setObjectName(u"idleLockLabel")

        self.securityForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.idleLockLabel)

        self.idleLockSpin = MinutesSpinBox(self.securityGroup)
        self.idleLockSpin.setObjectName(u"idleLockSpin")
        self.idleLockSpin.setMinimum(0)
        self.idleLockSpin.setMaximum(240)
        self.idleLockSpin.setMaximumSize(QSize(220, 16777215))

        self.securityForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.idleLockSpin)


        self.contentsLayout.addWidget(self.securityGroup)

        self.deviceGroup = QGroupBox(self.settingsContents)
        self.deviceGroup.setObjectName(u"deviceGroup")
        self.deviceForm = QFormLayout(self.deviceGroup)
        self.deviceForm.setObjectName(u"deviceForm")
        self.counterPrefixLabel = QLabel(self.deviceGroup)
        self.counterPrefixLabel.setObjectName(u"counterPrefixLabel")

        self.deviceForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.counterPrefixLabel)

        self.counterPrefixEdit = QLineEdit(self.deviceGroup)
        self.counterPrefixEdit.setObjectName(u"counterPrefixEdit")
        self.counterPrefixEdit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.counterPrefixEdit.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.counterPrefixEdit.setMaxLength(2)
        self.counterPrefixEdit.setMaximumSize(QSize(80, 16777215))

        self.deviceForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.counterPrefixEdit)

        self.deviceIdLabel = QLabel(self.deviceGroup)
        self.deviceIdLabel.setObjectName(u"deviceIdLabel")

        self.deviceForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.deviceIdLabel)

        self.deviceIdValue = QLabel(self.deviceGroup)
        self.deviceIdValue.setObjectName(u"deviceIdValue")
        self.deviceIdValue.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.deviceIdValue.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.deviceIdValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.deviceForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.deviceIdValue)

        self.databaseLabel = QLabel(self.deviceGroup)
        self.databaseLabel.setObjectName(u"databaseLabel")

        self.deviceForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.databaseLabel)

        self.databaseValue = QLabel(self.deviceGroup)
        self.databaseValue.setObjectName(u"databaseValue")
        self.databaseValue.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.databaseValue.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.databaseValue.setWordWrap(True)
        self.databaseValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.deviceForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.databaseValue)


        self.contentsLayout.addWidget(self.deviceGroup)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.contentsLayout.addItem(self.bottomSpacer)

        self.scrollArea.setWidget(self.settingsContents)

        self.verticalLayout.addWidget(self.scrollArea)

        self.errorLabel = QLabel(SettingsPage)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.verticalLayout.addWidget(self.errorLabel)

        self.buttonsLayout = QHBoxLayout()
        self.buttonsLayout.setObjectName(u"buttonsLayout")
        self.saveButton = QPushButton(SettingsPage)
        self.saveButton.setObjectName(u"saveButton")

        self.buttonsLayout.addWidget(self.saveButton)

        self.revertButton = QPushButton(SettingsPage)
        self.revertButton.setObjectName(u"revertButton")

        self.buttonsLayout.addWidget(self.revertButton)

        self.buttonsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonsLayout.addItem(self.buttonsSpacer)


        self.verticalLayout.addLayout(self.buttonsLayout)

#if QT_CONFIG(shortcut)
        self.associationNameLabel.setBuddy(self.associationNameEdit)
        self.letterheadLabel.setBuddy(self.letterheadEdit)
        self.signatoryNameLabel.setBuddy(self.signatoryNameEdit)
        self.signatoryTitleLabel.setBuddy(self.signatoryTitleEdit)
        self.idleLockLabel.setBuddy(self.idleLockSpin)
        self.counterPrefixLabel.setBuddy(self.counterPrefixEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.associationNameEdit, self.letterheadEdit)
        QWidget.setTabOrder(self.letterheadEdit, self.signatoryNameEdit)
        QWidget.setTabOrder(self.signatoryNameEdit, self.signatoryTitleEdit)
        QWidget.setTabOrder(self.signatoryTitleEdit, self.idleLockSpin)
        QWidget.setTabOrder(self.idleLockSpin, self.counterPrefixEdit)
        QWidget.setTabOrder(self.counterPrefixEdit, self.saveButton)
        QWidget.setTabOrder(self.saveButton, self.revertButton)

        self.retranslateUi(SettingsPage)

        QMetaObject.connectSlotsByName(SettingsPage)
    # setupUi

    def retranslateUi(self, SettingsPage):
        self.titleLabel.setText(QCoreApplication.translate("SettingsPage", u"\u0627\u0644\u0625\u0639\u062f\u0627\u062f\u0627\u062a", None))
        self.associationGroup.setTitle(QCoreApplication.translate("SettingsPage", u"\u0627\u0644\u062c\u0645\u0639\u064a\u0629 \u0648\u0627\u0644\u062e\u0637\u0627\u0628\u0627\u062a", None))
        self.associationNameLabel.setText(QCoreApplication.translate("SettingsPage", u"\u0627\u0633\u0645 \u0627\u0644&\u062c\u0645\u0639\u064a\u0629", None))
        self.letterheadLabel.setText(QCoreApplication.translate("SettingsPage", u"\u0633\u0637\u0648\u0631 \u0627\u0644&\u062a\u0631\u0648\u064a\u0633\u0629", None))
        self.letterheadEdit.setPlaceholderText(QCoreApplication.translate("SettingsPage", u"\u0633\u0637\u0631 \u0641\u064a \u0643\u0644 \u0633\u0637\u0631\u060c \u0623\u0631\u0628\u0639\u0629 \u0633\u0637\u0648\u0631 \u0639\u0644\u0649 \u0627\u0644\u0623\u0643\u062b\u0631", None))
        self.signatoryNameLabel.setText(QCoreApplication.translate("SettingsPage", u"\u0627\u0633\u0645 \u0627\u0644&\u0645\u0648\u0642\u0651\u0639", None))
        self.signatoryTitleLabel.setText(QCoreApplication.translate("SettingsPage", u"\u0635\u0641\u0629 \u0627\u0644\u0645&\u0648\u0642\u0651\u0639", None))
        self.securityGroup.setTitle(QCoreApplication.translate("SettingsPage", u"\u0627\u0644\u0623\u0645\u0627\u0646", None))
        self.idleLockLabel.setText(QCoreApplication.translate("SettingsPage", u"\u0642&\u0641\u0644 \u0627\u0644\u0634\u0627\u0634\u0629 \u0628\u0639\u062f \u062e\u0645\u0648\u0644", None))
        self.deviceGroup.setTitle(QCoreApplication.translate("SettingsPage", u"\u0647\u0630\u0627 \u0627\u0644\u062c\u0647\u0627\u0632", None))
        self.counterPrefixLabel.setText(QCoreApplication.translate("SettingsPage", u"&\u0631\u0645\u0632 \u0627\u0644\u0643\u0627\u0648\u0646\u062a\u0631", None))
        self.deviceIdLabel.setText(QCoreApplication.translate("SettingsPage", u"\u0645\u0639\u0631\u0651\u0641 \u0627\u0644\u062c\u0647\u0627\u0632", None))
        self.deviceIdValue.setText("")
        self.databaseLabel.setText(QCoreApplication.translate("SettingsPage", u"\u0645\u0644\u0641 \u0642\u0627\u0639\u062f\u0629 \u0627\u0644\u0628\u064a\u0627\u0646\u0627\u062a", None))
        self.databaseValue.setText("")
        self.errorLabel.setText("")
        self.saveButton.setText(QCoreApplication.translate("SettingsPage", u"&\u062d\u0641\u0638 \u0627\u0644\u0625\u0639\u062f\u0627\u062f\u0627\u062a", None))
        self.revertButton.setText(QCoreApplication.translate("SettingsPage", u"\u062a&\u0631\u0627\u062c\u0639", None))
        pass
    # retranslateUi

