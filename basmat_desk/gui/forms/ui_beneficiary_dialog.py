# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'beneficiary_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QFrame, QGroupBox,
    QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
    QScrollArea, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_BeneficiaryDialog(object):
    def setupUi(self, BeneficiaryDialog):
        if not BeneficiaryDialog.objectName():
            BeneficiaryDialog.setObjectName(u"BeneficiaryDialog")
        BeneficiaryDialog.resize(900, 640)
        self.verticalLayout = QVBoxLayout(BeneficiaryDialog)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.scrollArea = QScrollArea(BeneficiaryDialog)
        self.scrollArea.setObjectName(u"scrollArea")
        self.scrollArea.setFrameShape(QFrame.Shape.NoFrame)
        self.scrollArea.setWidgetResizable(True)
        self.scrollArea.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.formContents = QWidget()
        self.formContents.setObjectName(u"formContents")
        self.groupsLayout = QHBoxLayout(self.formContents)
        self.groupsLayout.setObjectName(u"groupsLayout")
        self.firstColumn = QVBoxLayout()
        self.firstColumn.setObjectName(u"firstColumn")
        self.nameGroup = QGroupBox(self.formContents)
        self.nameGroup.setObjectName(u"nameGroup")
        self.nameGroupForm = QFormLayout(self.nameGroup)
        self.nameGroupForm.setObjectName(u"nameGroupForm")
        self.firstNameLabel = QLabel(self.nameGroup)
        self.firstNameLabel.setObjectName(u"firstNameLabel")

        self.nameGroupForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.firstNameLabel)

        self.firstNameEdit = QLineEdit(self.nameGroup)
        self.firstNameEdit.setObjectName(u"firstNameEdit")

        self.nameGroupForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.firstNameEdit)

        self.fatherNameLabel = QLabel(self.nameGroup)
        self.fatherNameLabel.setObjectName(u"fatherNameLabel")

        self.nameGroupForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.fatherNameLabel)

        self.fatherNameEdit = QLineEdit(self.nameGroup)
        self.fatherNameEdit.setObjectName(u"fatherNameEdit")

        self.nameGroupForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.fatherNameEdit)

        self.grandfatherNameLabel = QLabel(self.nameGroup)
        self.grandfatherNameLabel.setObjectName(u"grandfatherNameLabel")

        self.nameGroupForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.grandfatherNameLabel)

        self.grandfatherNameEdit = QLineEdit(self.nameGroup)
        self.grandfatherNameEdit.setObjectName(u"grandfatherNameEdit")

        self.nameGroupForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.grandfatherNameEdit)

        self.familyNameLabel = QLabel(self.nameGroup)
        self.familyNameLabel.setObjectName(u"familyNameLabel")

        self.nameGroupForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.familyNameLabel)

        self.familyNameEdit = QLineEdit(self.nameGroup)
        self.familyNameEdit.setObjectName(u"familyNameEdit")

        self.nameGroupForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.familyNameEdit)


        self.firstColumn.addWidget(self.nameGroup)

        self.identityGroup = QGroupBox(self.formContents)
        self.identityGroup.setObjectName(u"identityGroup")
        self.identityGroupForm = QFormLayout(self.identityGroup)
        self.identityGroupForm.setObjectName(u"identityGroupForm")
        self.idTypeLabel = QLabel(self.identityGroup)
        self.idTypeLabel.setObjectName(u"idTypeLabel")

        self.identityGroupForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.idTypeLabel)

        self.idTypeCombo = QComboBox(self.identityGroup)
        self.idTypeCombo.setObjectName(u"idTypeCombo")

        self.identityGroupForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.idTypeCombo)

        self.idNumberLabel = QLabel(self.identityGroup)
        self.idNumberLabel.setObjectName(u"idNumberLabel")

        self.identityGroupForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.idNumberLabel)

        self.idNumberEdit = QLineEdit(self.identityGroup)
        self.idNumberEdit.setObjectName(u"idNumberEdit")
        self.idNumberEdit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.idNumberEdit.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.idNumberEdit.setMaxLength(20)

        self.identityGroupForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.idNumberEdit)

        self.nationalityLabel = QLabel(self.identityGroup)
        self.nationalityLabel.setObjectName(u"nationalityLabel")

        self.identityGroupForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.nationalityLabel)

        self.nationalityCombo = QComboBox(self.identityGroup)
        self.nationalityCombo.setObjectName(u"nationalityCombo")

        self.identityGroupForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.nationalityCombo)

        self.genderLabel = QLabel(self.identityGroup)
        self.genderLabel.setObjectName(u"genderLabel")

        self.identityGroupForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.genderLabel)

        self.genderLayout = QHBoxLayout()
        self.genderLayout.setObjectName(u"genderLayout")
        self.genderCombo = QComboBox(self.identityGroup)
        self.genderCombo.setObjectName(u"genderCombo")

        self.genderLayout.addWidget(self.genderCombo)

        self.genderHint = QLabel(self.identityGroup)
        self.genderHint.setObjectName(u"genderHint")

        self.genderLayout.addWidget(self.genderHint)


        self.identityGroupForm.setLayout(3, QFormLayout.ItemRole.FieldRole, self.genderLayout)

        self.birthDateLabel = QLabel(self.identityGroup)
        self.birthDateLabel.setObjectName(u"birthDateLabel")

        self.identityGroupForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.birthDateLabel)

        self.birthDateEdit = QLineEdit(self.identityGroup)
        self.birthDateEdit.setObjectName(u"birthDateEdit")
        self.birthDateEdit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.birthDateEdit.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.birthDateEdit.setMaxLength(16)

        self.identityGroupForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.birthDateEdit)

        self.maritalStatusLabel = QLabel(self.identityGroup)
        self.maritalStatusLabel.setObjectName(u"maritalStatusLabel")

        self.identityGroupForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.maritalStatusLabel)

        self.maritalStatusCombo = QComboBox(self.identityGroup)
        self.maritalStatusCombo.setObjectName(u"maritalStatusCombo")

        self.identityGroupForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.maritalStatusCombo)


        self.firstColumn.addWidget(self.identityGroup)

        self.contactGroup = QGroupBox(self.formContents)
        self.contactGroup.setObjectName(u"contactGroup")
        self.contactGroupForm = QFormLayout(self.contactGroup)
        self.contactGroupForm.setObjectName(u"contactGroupForm")
        self.mobileLabel = QLabel(self.contactGroup)
        self.mobileLabel.setObjectName(u"mobileLabel")

        self.contactGroupForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.mobileLabel)

        self.mobileEdit = QLineEdit(self.contactGroup)
        self.mobileEdit.setObjectName(u"mobileEdit")
        self.mobileEdit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.mobileEdit.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.mobileEdit.setMaxLength(20)

        self.contactGroupForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.mobileEdit)

        self.mobileAltLabel = QLabel(self.contactGroup)
        self.mobileAltLabel.setObjectName(u"mobileAltLabel")

        self.contactGroupForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.mobileAltLabel)

        self.mobileAltEdit = QLineEdit(self.contactGroup)
        self.mobileAltEdit.setObjectName(u"mobileAltEdit")
        self.mobileAltEdit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.mobileAltEdit.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.mobileAltEdit.setMaxLength(20)

        self.contactGroupForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.mobileAltEdit)


        self.firstColumn.addWidget(self.contactGroup)

        self.firstColumnSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.firstColumn.addItem(self.firstColumnSpacer)


        self.groupsLayout.addLayout(self.firstColumn)

        self.secondColumn = QVBoxLayout()
        self.secondColumn.setObjectName(u"secondColumn")
        self.addressGroup = QGroupBox(self.formContents)
        self.addressGroup.setObjectName(u"addressGroup")
        self.addressGroupForm = QFormLayout(self.addressGroup)
        self.addressGroupForm.setObjectName(u"addressGroupForm")
        self.addressCityLabel = QLabel(self.addressGroup)
        self.addressCityLabel.setObjectName(u"addressCityLabel")

        self.addressGroupForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.addressCityLabel)

        self.addressCityEdit = QLineEdit(self.addressGroup)
        self.addressCityEdit.setObjectName(u"addressCityEdit")

        self.addressGroupForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.addressCityEdit)

        self.addressDistrictLabel = QLabel(self.addressGroup)
        self.addressDistrictLabel.setObjectName(u"addressDistrictLabel")

        self.addressGroupForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.addressDistrictLabel)

        self.addressDistrictEdit = QLineEdit(self.addressGroup)
        self.addressDistrictEdit.setObjectName(u"addressDistrictEdit")

        self.addressGroupForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.addressDistrictEdit)

        self.addressStreetLabel = QLabel(self.addressGroup)
        self.addressStreetLabel.setObjectName(u"addressStreetLabel")

        self.addressGroupForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.addressStreetLabel)

        self.addressStreetEdit = QLineEdit(self.addressGroup)
        self.addressStreetEdit.setObjectName(u"addressStreetEdit")

        self.addressGroupForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.addressStreetEdit)

        self.addressBuildingNoLabel = QLabel(self.addressGroup)
        self.addressBuildingNoLabel.setObjectName(u"addressBuildingNoLabel")

        self.addressGroupForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.addressBuildingNoLabel)

        self.addressBuildingNoEdit = QLineEdit(self.addressGroup)
        self.addressBuildingNoEdit.setObjectName(u"addressBuildingNoEdit")
        self.addressBuildingNoEdit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.addressBuildingNoEdit.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.addressBuildingNoEdit.setMaxLength(4)

        self.addressGroupForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.addressBuildingNoEdit)

        self.addressPostalCodeLabel = QLabel(self.addressGroup)
        self.addressPostalCodeLabel.setObjectName(u"addressPostalCodeLabel")

        self.addressGroupForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.addressPostalCodeLabel)

        self.addressPostalCodeEdit = QLineEdit(self.addressGroup)
        self.addressPostalCodeEdit.setObjectName(u"addressPostalCodeEdit")
        self.addressPostalCodeEdit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.addressPostalCodeEdit.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.addressPostalCodeEdit.setMaxLength(5)

        self.addressGroupForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.addressPostalCodeEdit)

        self.addressAdditionalNoLabel = QLabel(self.addressGroup)
        self.addressAdditionalNoLabel.setObjectName(u"addressAdditionalNoLabel")

        self.addressGroupForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.addressAdditionalNoLabel)

        self.addressAdditionalNoEdit = QLineEdit(self.addressGroup)
        self.addressAdditionalNoEdit.setObjectName(u"addressAdditionalNoEdit")
        self.addressAdditionalNoEdit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.addressAdditionalNoEdit.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.addressAdditionalNoEdit.setMaxLength(4)

        self.addressGroupForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.addressAdditionalNoEdit)

        self.addressShortLabel = QLabel(self.addressGroup)
        self.addressShortLabel.setObjectName(u"addressShortLabel")

        self.addressGroupForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.addressShortLabel)

        self.addressShortEdit = QLineEdit(self.addressGroup)
        self.addressShortEdit.setObjectName(u"addressShortEdit")
        self.addressShortEdit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.addressShortEdit.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.addressShortEdit.setMaxLength(8)

        self.addressGroupForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.addressShortEdit)


        self.secondColumn.addWidget(self.addressGroup)

        self.livingGroup = QGroupBox(self.formContents)
        self.livingGroup.setObjectName(u"livingGroup")
        self.livingGroupForm = QFormLayout(self.livingGroup)
        self.livingGroupForm.setObjectName(u"livingGroupForm")
        self.familySizeLabel = QLabel(self.livingGroup)
        self.familySizeLabel.setObjectName(u"familySizeLabel")

        self.livingGroupForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.familySizeLabel)

        self.familySizeEdit = QLineEdit(self.livingGroup)
        self.familySizeEdit.setObjectName(u"familySizeEdit")
        self.familySizeEdit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.familySizeEdit.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.familySizeEdit.setMaxLength(2)

        self.livingGroupForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.familySizeEdit)

        self.monthlyIncomeLabel = QLabel(self.livingGroup)
        self.monthlyIncomeLabel.setObjectName(u"monthlyIncomeLabel")

        self.livingGroupForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.monthlyIncomeLabel)

        self.monthlyIncomeEdit = QLineEdit(self.livingGroup)
        self.monthlyIncomeEdit.setObjectName(u"monthlyIncomeEdit")
        self.monthlyIncomeEdit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.monthlyIncomeEdit.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.monthlyIncomeEdit.setMaxLength(12)

        self.livingGroupForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.monthlyIncomeEdit)

        self.incomeSourceLabel = QLabel(self.livingGroup)
        self.incomeSourceLabel.setObjectName(u"incomeSourceLabel")

        self.livingGroupForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.incomeSourceLabel)

        self.incomeSourceEdit = QLineEdit(self.livingGroup)
        self.incomeSourceEdit.setObjectName(u"incomeSourceEdit")

        self.livingGroupForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.incomeSourceEdit)

        self.employmentLabel = QLabel(self.livingGroup)
        self.employmentLabel.setObjectName(u"employmentLabel")

        self.livingGroupForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.employmentLabel)

        self.employmentEdit = QLineEdit(self.livingGroup)
        self.employmentEdit.setObjectName(u"employmentEdit")

        self.livingGroupForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.employmentEdit)

        self.notesLabel = QLabel(self.livingGroup)
        self.notesLabel.setObjectName(u"notesLabel")

        self.livingGroupForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.notesLabel)

        self.notesEdit = QPlainTextEdit(self.livingGroup)
        self.notesEdit.setObjectName(u"notesEdit")
        self.notesEdit.setTabChangesFocus(True)
        self.notesEdit.setMaximumSize(QSize(16777215, 70))

        self.livingGroupForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.notesEdit)


        self.secondColumn.addWidget(self.livingGroup)

        self.secondColumnSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.secondColumn.addItem(self.secondColumnSpacer)


        self.groupsLayout.addLayout(self.secondColumn)

        self.scrollArea.setWidget(self.formContents)

        self.verticalLayout.addWidget(self.scrollArea)

        self.birthDateHint = QLabel(BeneficiaryDialog)
        self.birthDateHint.setObjectName(u"birthDateHint")

        self.verticalLayout.addWidget(self.birthDateHint)

        self.errorLabel = QLabel(BeneficiaryDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.verticalLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(BeneficiaryDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.verticalLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.firstNameLabel.setBuddy(self.firstNameEdit)
        self.fatherNameLabel.setBuddy(self.fatherNameEdit)
        self.grandfatherNameLabel.setBuddy(self.grandfatherNameEdit)
        self.familyNameLabel.setBuddy(self.familyNameEdit)
        self.idTypeLabel.setBuddy(self.idTypeCombo)
        self.idNumberLabel.setBuddy(self.idNumberEdit)
        self.nationalityLabel.setBuddy(self.nationalityCombo)
        self.genderLabel.setBuddy(self.genderCombo)
        self.birthDateLabel.setBuddy(self.birthDateEdit)
        self.maritalStatusLabel.setBuddy(self.maritalStatusCombo)
        self.mobileLabel.setBuddy(self.mobileEdit)
        self.mobileAltLabel.setBuddy(self.mobileAltEdit)
        self.addressCityLabel.setBuddy(self.addressCityEdit)
        self.addressDistrictLabel.setBuddy(self.addressDistrictEdit)
        self.addressStreetLabel.setBuddy(self.addressStreetEdit)
        self.addressBuildingNoLabel.setBuddy(self.addressBuildingNoEdit)
        self.addressPostalCodeLabel.setBuddy(self.addressPostalCodeEdit)
        self.addressAdditionalNoLabel.setBuddy(self.addressAdditionalNoEdit)
        self.addressShortLabel.setBuddy(self.addressShortEdit)
        self.familySizeLabel.setBuddy(self.familySizeEdit)
        self.monthlyIncomeLabel.setBuddy(self.monthlyIncomeEdit)
        self.incomeSourceLabel.setBuddy(self.incomeSourceEdit)
        self.employmentLabel.setBuddy(self.employmentEdit)
        self.notesLabel.setBuddy(self.notesEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.firstNameEdit, self.fatherNameEdit)
        QWidget.setTabOrder(self.fatherNameEdit, self.grandfatherNameEdit)
        QWidget.setTabOrder(self.grandfatherNameEdit, self.familyNameEdit)
        QWidget.setTabOrder(self.familyNameEdit, self.idTypeCombo)
        QWidget.setTabOrder(self.idTypeCombo, self.idNumberEdit)
        QWidget.setTabOrder(self.idNumberEdit, self.nationalityCombo)
        QWidget.setTabOrder(self.nationalityCombo, self.genderCombo)
        QWidget.setTabOrder(self.genderCombo, self.birthDateEdit)
        QWidget.setTabOrder(self.birthDateEdit, self.maritalStatusCombo)
        QWidget.setTabOrder(self.maritalStatusCombo, self.mobileEdit)
        QWidget.setTabOrder(self.mobileEdit, self.mobileAltEdit)
        QWidget.setTabOrder(self.mobileAltEdit, self.addressCityEdit)
        QWidget.setTabOrder(self.addressCityEdit, self.addressDistrictEdit)
        QWidget.setTabOrder(self.addressDistrictEdit, self.addressStreetEdit)
        QWidget.setTabOrder(self.addressStreetEdit, self.addressBuildingNoEdit)
        QWidget.setTabOrder(self.addressBuildingNoEdit, self.addressPostalCodeEdit)
        QWidget.setTabOrder(self.addressPostalCodeEdit, self.addressAdditionalNoEdit)
        QWidget.setTabOrder(self.addressAdditionalNoEdit, self.addressShortEdit)
        QWidget.setTabOrder(self.addressShortEdit, self.familySizeEdit)
        QWidget.setTabOrder(self.familySizeEdit, self.monthlyIncomeEdit)
        QWidget.setTabOrder(self.monthlyIncomeEdit, self.incomeSourceEdit)
        QWidget.setTabOrder(self.incomeSourceEdit, self.employmentEdit)
        QWidget.setTabOrder(self.employmentEdit, self.notesEdit)

        self.retranslateUi(BeneficiaryDialog)

        QMetaObject.connectSlotsByName(BeneficiaryDialog)
    # setupUi

    def retranslateUi(self, BeneficiaryDialog):
        BeneficiaryDialog.setWindowTitle(QCoreApplication.translate("BeneficiaryDialog", u"\u062a\u0633\u062c\u064a\u0644 \u0645\u0633\u062a\u0641\u064a\u062f", None))
        self.nameGroup.setTitle(QCoreApplication.translate("BeneficiaryDialog", u"\u0627\u0644\u0627\u0633\u0645 \u0627\u0644\u0631\u0628\u0627\u0639\u064a", None))
        self.firstNameLabel.setText(QCoreApplication.translate("BeneficiaryDialog", u"\u0627\u0644\u0627\u0633\u0645 \u0627\u0644&\u0623\u0648\u0644", None))
        self.fatherNameLabel.setText(QCoreApplication.translate("BeneficiaryDialog", u"\u0627\u0633\u0645 \u0627\u0644\u0623\u0628", None))
        self.grandfatherNameLabel.setText(QCoreApplication.translate("BeneficiaryDialog", u"\u0627\u0633\u0645 \u0627\u0644\u062c\u062f", None))
        self.familyNameLabel.setText(QCoreApplication.translate("BeneficiaryDialog", u"\u0627\u0633\u0645 \u0627\u0644\u0639\u0627\u0626\u0644\u0629", None))
        self.identityGroup.setTitle(QCoreApplication.translate("BeneficiaryDialog", u"\u0627\u0644\u0647\u0648\u064a\u0629", None))
        self.idTypeLabel.setText(QCoreApplication.translate("BeneficiaryDialog", u"\u0646\u0648\u0639 \u0627\u0644\u0647\u0648\u064a\u0629", None))
        self.idNumberLabel.setText(QCoreApplication.translate("BeneficiaryDialog", u"\u0631\u0642\u0645 \u0627\u0644&\u0647\u0648\u064a\u0629", None))
        self.nationalityLabel.setText(QCoreApplication.translate("BeneficiaryDialog", u"\u0627\u0644\u062c\u0646\u0633\u064a\u0629", None))
        self.genderLabel.setText(QCoreApplication.translate("BeneficiaryDialog", u"\u0627\u0644\u062c\u0646\u0633", None))
        self.genderHint.setText("")
        self.birthDateLabel.setText(QCoreApplication.translate("BeneficiaryDialog", u"\u062a\u0627\u0631\u064a\u062e \u0627\u0644\u0645\u064a\u0644\u0627\u062f", None))
        self.birthDateEdit.setPlaceholderText(QCoreApplication.translate("BeneficiaryDialog", u"1985/03/14 \u0623\u0648 1405/06/23 \u0647\u0640", None))
        self.maritalStatusLabel.setText(QCoreApplication.translate("BeneficiaryDialog", u"\u0627\u0644\u062d\u0627\u0644\u0629 \u0627\u0644\u0627\u062c\u062a\u0645\u0627\u0639\u064a\u0629", None))
        self.contactGroup.setTitle(QCoreApplication.translate("BeneficiaryDialog", u"\u0627\u0644\u062a\u0648\u0627\u0635\u0644", None))
        self.mobileLabel.setText(QCoreApplication.translate("BeneficiaryDialog", u"\u0631\u0642\u0645 \u0627\u0644&\u062c\u0648\u0627\u0644", None))
        self.mobileEdit.setPlaceholderText(QCoreApplication.translate("BeneficiaryDialog", u"05XXXXXXXX", None))
        self.mobileAltLabel.setText(QCoreApplication.translate("BeneficiaryDialog", u"\u062c\u0648\u0627\u0644 \u0628\u062f\u064a\u0644", None))
        self.addressGroup.setTitle(QCoreApplication.translate("BeneficiaryDialog", u"\u0627\u0644\u0639\u0646\u0648\u0627\u0646 \u0627\u0644\u0648\u0637\u0646\u064a", None))
        self.addressCityLabel.setText(QCoreApplication.translate("BeneficiaryDialog", u"\u0627\u0644\u0645\u062f\u064a\u0646\u0629", None))
        self.addressDistrictLabel.setText(QCoreApplication.translate("BeneficiaryDialog", u"\u0627\u0644\u062d\u064a", None))
        self.addressStreetLabel.setText(QCoreApplication.translate("BeneficiaryDialog", u"\u0627\u0644\u0634\u0627\u0631\u0639", None))
        self.addressBuildingNoLabel.setText(QCoreApplication.translate("BeneficiaryDialog", u"\u0631\u0642\u0645 \u0627\u0644\u0645\u0628\u0646\u0649", None))
        self.addressPostalCodeLabel.setText(QCoreApplication.translate("BeneficiaryDialog", u"\u0627\u0644\u0631\u0645\u0632 \u0627\u0644\u0628\u0631\u064a\u062f\u064a", None))
        self.addressAdditionalNoLabel.setText(QCoreApplication.translate("BeneficiaryDialog", u"\u0627\u0644\u0631\u0642\u0645 \u0627\u0644\u0625\u0636\u0627\u0641\u064a", None))
        self.addressShortLabel.setText(QCoreApplication.translate("BeneficiaryDialog", u"\u0627\u0644\u0639\u0646\u0648\u0627\u0646 \u0627\u0644\u0645\u062e\u062a\u0635\u0631", None))
        self.addressShortEdit.setPlaceholderText(QCoreApplication.translate("BeneficiaryDialog", u"RRRD2929", None))
        self.livingGroup.setTitle(QCoreApplication.translate("BeneficiaryDialog", u"\u0627\u0644\u062d\u0627\u0644\u0629 \u0627\u0644\u0645\u0639\u064a\u0634\u064a\u0629", None))
        self.familySizeLabel.setText(QCoreApplication.translate("BeneficiaryDialog", u"\u0639\u062f\u062f \u0623\u0641\u0631\u0627\u062f \u0627\u0644\u0623\u0633\u0631\u0629", None))
        self.monthlyIncomeLabel.setText(QCoreApplication.translate("BeneficiaryDialog", u"\u0627\u0644\u062f\u062e\u0644 \u0627\u0644\u0634\u0647\u0631\u064a (\u0631\u064a\u0627\u0644)", None))
        self.incomeSourceLabel.setText(QCoreApplication.translate("BeneficiaryDialog", u"\u0645\u0635\u062f\u0631 \u0627\u0644\u062f\u062e\u0644", None))
        self.employmentLabel.setText(QCoreApplication.translate("BeneficiaryDialog", u"\u0627\u0644\u0648\u0638\u064a\u0641\u0629", None))
        self.notesLabel.setText(QCoreApplication.translate("BeneficiaryDialog", u"\u0645\u0644\u0627\u062d\u0638\u0627\u062a", None))
        self.birthDateHint.setText("")
        self.errorLabel.setText("")
    # retranslateUi

