"""A synthetic content tree in the format of SPEC §1, for the speed benchmarks.

Thailand's state has about 20,000 reporting bodies and 60,000 document versions. Every speed
target of the project is measured on a tree of that size, generated on demand, never committed:

    python -m bench.generate OUT_DIR --agencies 20000 --versions 60000 --seed 1 [--git]
    python -m bench.generate OUT_DIR --mutate [--code CODE] [--seed 2] [--commit]

OUT_DIR receives `content/agencies/<code>/{agency,report}.yaml` and `content/documents/<code>/*.pdf`
(point `build.py --root OUT_DIR` at it), a `.gitignore` for build output and a `.prakat-bench` file
that records the arguments and lets a later run replace the tree. With --git, OUT_DIR becomes a
repository with one commit of fixed author, committer and dates.

The tree has the shape of the real one: ministries, departments and other bodies at the top,
provincial offices under departments, some 7,800 local governments under the provincial local
administration offices, schools, colleges and universities, and internal units (`unit: true`),
with Thai names assembled from real Thai words and place names, so that word breaking and search
see realistic text. Everything is drawn from one random.Random(seed): the same arguments give
byte-identical files and, with --git, the same commit.

The PDFs are assembled from a template (one page, Helvetica, a unique text line each, a correct
cross-reference table): calling a PDF library 60,000 times would take minutes.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import time
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path

MARKER = ".prakat-bench"
GITIGNORE = "/output/\n/output.*/\n/.prakat-cache/\n"
FIRST_DAY = date(2023, 1, 1).toordinal()
LAST_DAY = date(2026, 10, 31).toordinal()
LAST_RECORDED_DAY = date(2026, 6, 30).toordinal()  # gazette links may not be recorded in the future
GIT_IDENTITY = {"name": "Prakat Benchmarks", "email": "bench@prakat.invalid"}
COMMIT_DATE = "2026-11-01T09:00:00+07:00"
MUTATE_COMMIT_DATE = "2026-11-02T09:00:00+07:00"


class GenerateError(Exception):
    "The output folder cannot be used, or the tree to change is not a generated one"


@dataclass(frozen=True)
class Stats:
    agencies: int
    visible_agencies: int
    reports: int
    versions: int
    pdfs: int
    files: int
    bytes_written: int
    elapsed_seconds: float
    git_seconds: float = 0.0


def _table(text: str) -> list[tuple[str, ...]]:
    return [tuple(line.strip().split("|")) for line in text.strip().splitlines()]


# --- vocabulary of names -----------------------------------------------------------------

# TIS 1099 code | Thai | English | first digit of the telephone area code
PROVINCES = _table("""
10|กรุงเทพมหานคร|Bangkok|2
11|สมุทรปราการ|Samut Prakan|2
12|นนทบุรี|Nonthaburi|2
13|ปทุมธานี|Pathum Thani|2
14|พระนครศรีอยุธยา|Phra Nakhon Si Ayutthaya|3
15|อ่างทอง|Ang Thong|3
16|ลพบุรี|Lopburi|3
17|สิงห์บุรี|Sing Buri|3
18|ชัยนาท|Chai Nat|5
19|สระบุรี|Saraburi|3
20|ชลบุรี|Chonburi|3
21|ระยอง|Rayong|3
22|จันทบุรี|Chanthaburi|3
23|ตราด|Trat|3
24|ฉะเชิงเทรา|Chachoengsao|3
25|ปราจีนบุรี|Prachinburi|3
26|นครนายก|Nakhon Nayok|3
27|สระแก้ว|Sa Kaeo|3
30|นครราชสีมา|Nakhon Ratchasima|4
31|บุรีรัมย์|Buriram|4
32|สุรินทร์|Surin|4
33|ศรีสะเกษ|Sisaket|4
34|อุบลราชธานี|Ubon Ratchathani|4
35|ยโสธร|Yasothon|4
36|ชัยภูมิ|Chaiyaphum|4
37|อำนาจเจริญ|Amnat Charoen|4
38|บึงกาฬ|Bueng Kan|4
39|หนองบัวลำภู|Nong Bua Lamphu|4
40|ขอนแก่น|Khon Kaen|4
41|อุดรธานี|Udon Thani|4
42|เลย|Loei|4
43|หนองคาย|Nong Khai|4
44|มหาสารคาม|Maha Sarakham|4
45|ร้อยเอ็ด|Roi Et|4
46|กาฬสินธุ์|Kalasin|4
47|สกลนคร|Sakon Nakhon|4
48|นครพนม|Nakhon Phanom|4
49|มุกดาหาร|Mukdahan|4
50|เชียงใหม่|Chiang Mai|5
51|ลำพูน|Lamphun|5
52|ลำปาง|Lampang|5
53|อุตรดิตถ์|Uttaradit|5
54|แพร่|Phrae|5
55|น่าน|Nan|5
56|พะเยา|Phayao|5
57|เชียงราย|Chiang Rai|5
58|แม่ฮ่องสอน|Mae Hong Son|5
60|นครสวรรค์|Nakhon Sawan|5
61|อุทัยธานี|Uthai Thani|5
62|กำแพงเพชร|Kamphaeng Phet|5
63|ตาก|Tak|5
64|สุโขทัย|Sukhothai|5
65|พิษณุโลก|Phitsanulok|5
66|พิจิตร|Phichit|5
67|เพชรบูรณ์|Phetchabun|5
70|ราชบุรี|Ratchaburi|3
71|กาญจนบุรี|Kanchanaburi|3
72|สุพรรณบุรี|Suphan Buri|3
73|นครปฐม|Nakhon Pathom|3
74|สมุทรสาคร|Samut Sakhon|3
75|สมุทรสงคราม|Samut Songkhram|3
76|เพชรบุรี|Phetchaburi|3
77|ประจวบคีรีขันธ์|Prachuap Khiri Khan|3
80|นครศรีธรรมราช|Nakhon Si Thammarat|7
81|กระบี่|Krabi|7
82|พังงา|Phang Nga|7
83|ภูเก็ต|Phuket|7
84|สุราษฎร์ธานี|Surat Thani|7
85|ระนอง|Ranong|7
86|ชุมพร|Chumphon|7
90|สงขลา|Songkhla|7
91|สตูล|Satun|7
92|ตรัง|Trang|7
93|พัทลุง|Phatthalung|7
94|ปัตตานี|Pattani|7
95|ยะลา|Yala|7
96|นราธิวาส|Narathiwat|7
""")
PROVINCE = {code: (th, en, area) for code, th, en, area in PROVINCES}
UPCOUNTRY = [p for p in PROVINCES if p[0] != "10"]

# District and subdistrict names (real ones, used for both, as in life).
PLACES = _table("""
หนองบัว|Nong Bua
บ้านใหม่|Ban Mai
ท่าช้าง|Tha Chang
วังทอง|Wang Thong
โนนสูง|Non Sung
หนองหาร|Nong Han
บ้านเหล่า|Ban Lao
ดอนแก้ว|Don Kaeo
สันทราย|San Sai
แม่ริม|Mae Rim
หางดง|Hang Dong
ป่าแดด|Pa Daet
บ้านกลาง|Ban Klang
นาดี|Na Di
นาคำ|Na Kham
โคกสูง|Khok Sung
หนองไผ่|Nong Phai
ทุ่งใหญ่|Thung Yai
ห้วยยาง|Huai Yang
บ่อทอง|Bo Thong
คลองหลวง|Khlong Luang
บางพลี|Bang Phli
บางเสาธง|Bang Sao Thong
ลาดหลุมแก้ว|Lat Lum Kaeo
ปากเกร็ด|Pak Kret
บางบัวทอง|Bang Bua Thong
บางใหญ่|Bang Yai
ไทรน้อย|Sai Noi
ท่าทราย|Tha Sai
หาดใหญ่|Hat Yai
คอหงส์|Kho Hong
ควนลัง|Khuan Lang
ทุ่งสง|Thung Song
ท่าศาลา|Tha Sala
ปากพนัง|Pak Phanang
เกาะสมุย|Ko Samui
เกาะพะงัน|Ko Pha-ngan
ท่าใหม่|Tha Mai
วังน้ำเย็น|Wang Nam Yen
โพธิ์ทอง|Pho Thong
โพธิ์ชัย|Pho Chai
ศรีสะอาด|Si Sa-at
หนองหญ้าไซ|Nong Ya Sai
เขาย้อย|Khao Yoi
ชะอำ|Cha-am
หัวหิน|Hua Hin
ปราณบุรี|Pran Buri
บ้านโป่ง|Ban Pong
โพธาราม|Photharam
ดำเนินสะดวก|Damnoen Saduak
กำแพงแสน|Kamphaeng Saen
นครชัยศรี|Nakhon Chai Si
สามพราน|Sam Phran
ศาลายา|Salaya
บางเลน|Bang Len
อู่ทอง|U Thong
ศรีประจันต์|Si Prachan
ดอนเจดีย์|Don Chedi
ท่าม่วง|Tha Muang
ทองผาภูมิ|Thong Pha Phum
สังขละบุรี|Sangkhla Buri
แม่สอด|Mae Sot
แม่ระมาด|Mae Ramat
ศรีสัชนาลัย|Si Satchanalai
สวรรคโลก|Sawankhalok
บางระกำ|Bang Rakam
วัดโบสถ์|Wat Bot
ตะพานหิน|Taphan Hin
หล่มสัก|Lom Sak
หล่มเก่า|Lom Kao
บ้านแพ้ว|Ban Phaeo
กระทุ่มแบน|Krathum Baen
อัมพวา|Amphawa
ปากท่อ|Pak Tho
จอมบึง|Chom Bueng
ปากช่อง|Pak Chong
สีคิ้ว|Sikhio
พิมาย|Phimai
โชคชัย|Chok Chai
ด่านขุนทด|Dan Khun Thot
นางรอง|Nang Rong
ประโคนชัย|Prakhon Chai
ลำปลายมาศ|Lam Plai Mat
ท่าตูม|Tha Tum
ปราสาท|Prasat
กันทรลักษ์|Kanthararak
อุทุมพรพิสัย|Uthumphon Phisai
วารินชำราบ|Warin Chamrap
เดชอุดม|Det Udom
พิบูลมังสาหาร|Phibun Mangsahan
กุมภวาปี|Kumphawapi
บ้านดุง|Ban Dung
ชุมแพ|Chum Phae
บ้านไผ่|Ban Phai
น้ำพอง|Nam Phong
กระนวน|Kranuan
สว่างแดนดิน|Sawang Daen Din
ธาตุพนม|That Phanom
เชียงคาน|Chiang Khan
ด่านซ้าย|Dan Sai
ศรีเชียงใหม่|Si Chiang Mai
ท่าบ่อ|Tha Bo
เซกา|Seka
กันทรวิชัย|Kantharawichai
เสลภูมิ|Selaphum
กุฉินารายณ์|Kuchinarai
ฝาง|Fang
จอมทอง|Chom Thong
สันกำแพง|San Kamphaeng
ดอยสะเก็ด|Doi Saket
แม่แตง|Mae Taeng
ป่าซาง|Pa Sang
เกาะคา|Ko Kha
แม่เมาะ|Mae Mo
เด่นชัย|Den Chai
ปัว|Pua
เชียงคำ|Chiang Kham
แม่สาย|Mae Sai
เชียงแสน|Chiang Saen
ปาย|Pai
ตากใบ|Tak Bai
สุไหงโก-ลก|Su-ngai Kolok
เบตง|Betong
สายบุรี|Sai Buri
ละงู|La-ngu
กันตัง|Kantang
ย่านตาขาว|Yan Ta Khao
ควนขนุน|Khuan Khanun
ไชยา|Chaiya
ท่าชนะ|Tha Chana
หลังสวน|Lang Suan
กะเปอร์|Kapoe
ตะกั่วป่า|Takua Pa
กะทู้|Kathu
อ่าวลึก|Ao Luek
ศรีราชา|Si Racha
บางละมุง|Bang Lamung
สัตหีบ|Sattahip
พนัสนิคม|Phanat Nikhom
บ้านฉาง|Ban Chang
แกลง|Klaeng
ขลุง|Khlung
เขาสมิง|Khao Saming
บางปะกง|Bang Pakong
พนมสารคาม|Phanom Sarakham
กบินทร์บุรี|Kabin Buri
อรัญประเทศ|Aranyaprathet
บ้านนา|Ban Na
องครักษ์|Ongkharak
บางปะอิน|Bang Pa-in
เสนา|Sena
วิเศษชัยชาญ|Wiset Chai Chan
บ้านหมี่|Ban Mi
ท่าเรือ|Tha Ruea
แก่งคอย|Kaeng Khoi
อินทร์บุรี|In Buri
หันคา|Hankha
ลาดยาว|Lat Yao
บึงสามพัน|Bueng Sam Phan
""")

# Bangkok: district (เขต) | English | subdistrict (แขวง) | English
BANGKOK = _table("""
ราชเทวี|Ratchathewi|ถนนพญาไท|Thanon Phaya Thai
พญาไท|Phaya Thai|สามเสนใน|Samsen Nai
ดุสิต|Dusit|ดุสิต|Dusit
พระนคร|Phra Nakhon|พระบรมมหาราชวัง|Phra Borom Maha Ratchawang
ปทุมวัน|Pathum Wan|ลุมพินี|Lumphini
บางรัก|Bang Rak|สีลม|Si Lom
จตุจักร|Chatuchak|ลาดยาว|Lat Yao
หลักสี่|Lak Si|ทุ่งสองห้อง|Thung Song Hong
ห้วยขวาง|Huai Khwang|ห้วยขวาง|Huai Khwang
คลองเตย|Khlong Toei|คลองตัน|Khlong Tan
ดอนเมือง|Don Mueang|สีกัน|Si Kan
บางนา|Bang Na|บางนาใต้|Bang Na Tai
""")

ROADS = _table("""
ถนนราชดำเนินนอก|Ratchadamnoen Nok Rd.
ถนนพหลโยธิน|Phahonyothin Rd.
ถนนวิภาวดีรังสิต|Vibhavadi Rangsit Rd.
ถนนแจ้งวัฒนะ|Chaeng Watthana Rd.
ถนนพระรามที่ 6|Rama VI Rd.
ถนนสุขุมวิท|Sukhumvit Rd.
ถนนเพชรบุรี|Phetchaburi Rd.
ถนนรางน้ำ|Rangnam Rd.
ถนนศรีอยุธยา|Si Ayutthaya Rd.
ถนนหลานหลวง|Lan Luang Rd.
ถนนนครสวรรค์|Nakhon Sawan Rd.
ถนนมิตรภาพ|Mittraphap Rd.
ถนนเพชรเกษม|Phetkasem Rd.
""")

# key | Thai | English
MINISTRIES = _table("""
moi|กระทรวงมหาดไทย|Ministry of Interior
mdes|กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม|Ministry of Digital Economy and Society
pmo|สำนักนายกรัฐมนตรี|Office of the Prime Minister
moe|กระทรวงศึกษาธิการ|Ministry of Education
mof|กระทรวงการคลัง|Ministry of Finance
moac|กระทรวงเกษตรและสหกรณ์|Ministry of Agriculture and Cooperatives
moph|กระทรวงสาธารณสุข|Ministry of Public Health
mhesi|กระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม|Ministry of Higher Education, Science, Research and Innovation
mot|กระทรวงคมนาคม|Ministry of Transport
moc|กระทรวงพาณิชย์|Ministry of Commerce
mol|กระทรวงแรงงาน|Ministry of Labour
moj|กระทรวงยุติธรรม|Ministry of Justice
mnre|กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม|Ministry of Natural Resources and Environment
moen|กระทรวงพลังงาน|Ministry of Energy
moind|กระทรวงอุตสาหกรรม|Ministry of Industry
mculture|กระทรวงวัฒนธรรม|Ministry of Culture
mots|กระทรวงการท่องเที่ยวและกีฬา|Ministry of Tourism and Sports
msdhs|กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์|Ministry of Social Development and Human Security
mfa|กระทรวงการต่างประเทศ|Ministry of Foreign Affairs
mod|กระทรวงกลาโหม|Ministry of Defence
""")

# Top-level bodies outside the ministries: key | type | Thai | English
TOP_LEVEL = _table("""
oag-audit|independent_organization|สำนักงานการตรวจเงินแผ่นดิน|State Audit Office of the Kingdom of Thailand
ect|independent_organization|สำนักงานคณะกรรมการการเลือกตั้ง|Office of the Election Commission of Thailand
ombudsman|independent_organization|สำนักงานผู้ตรวจการแผ่นดิน|Office of the Ombudsman Thailand
nacc|independent_organization|สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ|Office of the National Anti-Corruption Commission
nhrc|independent_organization|สำนักงานคณะกรรมการสิทธิมนุษยชนแห่งชาติ|Office of the National Human Rights Commission
police|government_agency|สำนักงานตำรวจแห่งชาติ|Royal Thai Police
senate|other|สำนักงานเลขาธิการวุฒิสภา|Secretariat of the Senate
house|other|สำนักงานเลขาธิการสภาผู้แทนราษฎร|Secretariat of the House of Representatives
judiciary|other|สำนักงานศาลยุติธรรม|Office of the Judiciary
ago|other|สำนักงานอัยการสูงสุด|Office of the Attorney General
ccourt|independent_organization|สำนักงานศาลรัฐธรรมนูญ|Office of the Constitutional Court
""")

# key | ministry key | Thai | English. The first ones are the parents of whole layers below
# (local governments, schools, colleges), so that even a small tree has them.
DEPARTMENTS = _table("""
dla|moi|กรมส่งเสริมการปกครองท้องถิ่น|Department of Local Administration
obec|moe|สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน|Office of the Basic Education Commission
nso|mdes|สำนักงานสถิติแห่งชาติ|National Statistical Office
ovec|moe|สำนักงานคณะกรรมการการอาชีวศึกษา|Office of the Vocational Education Commission
dopa|moi|กรมการปกครอง|Department of Provincial Administration
nesdc|pmo|สำนักงานสภาพัฒนาการเศรษฐกิจและสังคมแห่งชาติ|Office of the National Economic and Social Development Council
doae|moac|กรมส่งเสริมการเกษตร|Department of Agricultural Extension
cdd|moi|กรมการพัฒนาชุมชน|Community Development Department
dol|moi|กรมที่ดิน|Department of Lands
ddpm|moi|กรมป้องกันและบรรเทาสาธารณภัย|Department of Disaster Prevention and Mitigation
dpt|moi|กรมโยธาธิการและผังเมือง|Department of Public Works and Town and Country Planning
prd|pmo|กรมประชาสัมพันธ์|Government Public Relations Department
ocpb|pmo|สำนักงานคณะกรรมการคุ้มครองผู้บริโภค|Office of the Consumer Protection Board
bb|pmo|สำนักงบประมาณ|Bureau of the Budget
opdc|pmo|สำนักงานคณะกรรมการพัฒนาระบบราชการ|Office of the Public Sector Development Commission
soc|pmo|สำนักเลขาธิการคณะรัฐมนตรี|Secretariat of the Cabinet
krisdika|pmo|สำนักงานคณะกรรมการกฤษฎีกา|Office of the Council of State
ocsc|pmo|สำนักงานคณะกรรมการข้าราชการพลเรือน|Office of the Civil Service Commission
nsc|pmo|สำนักงานสภาความมั่นคงแห่งชาติ|Office of the National Security Council
army|mod|กองทัพบก|Royal Thai Army
navy|mod|กองทัพเรือ|Royal Thai Navy
airforce|mod|กองทัพอากาศ|Royal Thai Air Force
rtarf|mod|กองบัญชาการกองทัพไทย|Royal Thai Armed Forces Headquarters
cgd|mof|กรมบัญชีกลาง|Comptroller General's Department
rd|mof|กรมสรรพากร|Revenue Department
customs|mof|กรมศุลกากร|Customs Department
excise|mof|กรมสรรพสามิต|Excise Department
treasury|mof|กรมธนารักษ์|Treasury Department
fpo|mof|สำนักงานเศรษฐกิจการคลัง|Fiscal Policy Office
pdmo|mof|สำนักงานบริหารหนี้สาธารณะ|Public Debt Management Office
consular|mfa|กรมการกงสุล|Department of Consular Affairs
information|mfa|กรมสารนิเทศ|Department of Information
tourism|mots|กรมการท่องเที่ยว|Department of Tourism
dpe|mots|กรมพลศึกษา|Department of Physical Education
dcy|msdhs|กรมกิจการเด็กและเยาวชน|Department of Children and Youth
dop|msdhs|กรมกิจการผู้สูงอายุ|Department of Older Persons
dsdw|msdhs|กรมพัฒนาสังคมและสวัสดิการ|Department of Social Development and Welfare
dss|mhesi|กรมวิทยาศาสตร์บริการ|Department of Science Service
oap|mhesi|สำนักงานปรมาณูเพื่อสันติ|Office of Atoms for Peace
rice|moac|กรมการข้าว|Rice Department
rid|moac|กรมชลประทาน|Royal Irrigation Department
dof|moac|กรมประมง|Department of Fisheries
dld|moac|กรมปศุสัตว์|Department of Livestock Development
ldd|moac|กรมพัฒนาที่ดิน|Land Development Department
doa|moac|กรมวิชาการเกษตร|Department of Agriculture
cpd|moac|กรมส่งเสริมสหกรณ์|Cooperative Promotion Department
cad|moac|กรมตรวจบัญชีสหกรณ์|Cooperative Auditing Department
oae|moac|สำนักงานเศรษฐกิจการเกษตร|Office of Agricultural Economics
dlt|mot|กรมการขนส่งทางบก|Department of Land Transport
md|mot|กรมเจ้าท่า|Marine Department
doh|mot|กรมทางหลวง|Department of Highways
drr|mot|กรมทางหลวงชนบท|Department of Rural Roads
doav|mot|กรมท่าอากาศยาน|Department of Airports
tmd|mdes|กรมอุตุนิยมวิทยา|Thai Meteorological Department
forest|mnre|กรมป่าไม้|Royal Forest Department
dnp|mnre|กรมอุทยานแห่งชาติ สัตว์ป่า และพันธุ์พืช|Department of National Parks, Wildlife and Plant Conservation
pcd|mnre|กรมควบคุมมลพิษ|Pollution Control Department
dwr|mnre|กรมทรัพยากรน้ำ|Department of Water Resources
dmr|mnre|กรมทรัพยากรธรณี|Department of Mineral Resources
deqp|mnre|กรมส่งเสริมคุณภาพสิ่งแวดล้อม|Department of Environmental Quality Promotion
doeb|moen|กรมธุรกิจพลังงาน|Department of Energy Business
dede|moen|กรมพัฒนาพลังงานทดแทนและอนุรักษ์พลังงาน|Department of Alternative Energy Development and Efficiency
dmf|moen|กรมเชื้อเพลิงธรรมชาติ|Department of Mineral Fuels
dft|moc|กรมการค้าต่างประเทศ|Department of Foreign Trade
dit|moc|กรมการค้าภายใน|Department of Internal Trade
ipthailand|moc|กรมทรัพย์สินทางปัญญา|Department of Intellectual Property
dbd|moc|กรมพัฒนาธุรกิจการค้า|Department of Business Development
ditp|moc|กรมส่งเสริมการค้าระหว่างประเทศ|Department of International Trade Promotion
probation|moj|กรมคุมประพฤติ|Department of Probation
rlpd|moj|กรมคุ้มครองสิทธิและเสรีภาพ|Rights and Liberties Protection Department
led|moj|กรมบังคับคดี|Legal Execution Department
correct|moj|กรมราชทัณฑ์|Department of Corrections
dsi|moj|กรมสอบสวนคดีพิเศษ|Department of Special Investigation
oja|moj|สำนักงานกิจการยุติธรรม|Office of Justice Affairs
doe|mol|กรมการจัดหางาน|Department of Employment
dsd|mol|กรมพัฒนาฝีมือแรงงาน|Department of Skill Development
labour|mol|กรมสวัสดิการและคุ้มครองแรงงาน|Department of Labour Protection and Welfare
sso|mol|สำนักงานประกันสังคม|Social Security Office
dra|mculture|กรมการศาสนา|Department of Religious Affairs
finearts|mculture|กรมศิลปากร|Fine Arts Department
culture|mculture|กรมส่งเสริมวัฒนธรรม|Department of Cultural Promotion
onec|moe|สำนักงานเลขาธิการสภาการศึกษา|Office of the Education Council
dms|moph|กรมการแพทย์|Department of Medical Services
ddc|moph|กรมควบคุมโรค|Department of Disease Control
dmh|moph|กรมสุขภาพจิต|Department of Mental Health
anamai|moph|กรมอนามัย|Department of Health
dmsc|moph|กรมวิทยาศาสตร์การแพทย์|Department of Medical Sciences
fda|moph|สำนักงานคณะกรรมการอาหารและยา|Food and Drug Administration
hss|moph|กรมสนับสนุนบริการสุขภาพ|Department of Health Service Support
diw|moind|กรมโรงงานอุตสาหกรรม|Department of Industrial Works
dip|moind|กรมส่งเสริมอุตสาหกรรม|Department of Industrial Promotion
tisi|moind|สำนักงานมาตรฐานผลิตภัณฑ์อุตสาหกรรม|Thai Industrial Standards Institute
oie|moind|สำนักงานเศรษฐกิจอุตสาหกรรม|Office of Industrial Economics
dpim|moind|กรมอุตสาหกรรมพื้นฐานและการเหมืองแร่|Department of Primary Industries and Mines
""")
FIRST_DEPARTMENTS = 5  # the permanent secretaries' offices come right after these

# Made-up but plausible bodies once the real lists run out: Thai prefix | English pattern.
COMPOSED_PREFIXES = _table("""
กรม|Department of {}
สำนักงาน|Office of {}
สำนักงานคณะกรรมการ|Office of the {} Commission
สถาบัน|Institute of {}
""")
SUBJECTS = _table("""
ส่งเสริมเศรษฐกิจชุมชน|Community Economy Promotion
พัฒนาธุรกิจดิจิทัล|Digital Business Development
สถิติและสารสนเทศ|Statistics and Information
ส่งเสริมการลงทุน|Investment Promotion
พัฒนาเมือง|Urban Development
ส่งเสริมการเรียนรู้|Learning Promotion
นวัตกรรมแห่งชาติ|National Innovation
ความปลอดภัยไซเบอร์|Cybersecurity
ส่งเสริมวิสาหกิจขนาดกลางและขนาดย่อม|SME Promotion
พัฒนาพื้นที่ชายแดน|Border Area Development
ข้อมูลรัฐบาลดิจิทัล|Digital Government Data
เศรษฐกิจสร้างสรรค์|Creative Economy
การจัดการน้ำ|Water Management
ส่งเสริมการมีส่วนร่วมของประชาชน|Public Participation Promotion
มาตรฐานฝีมือแรงงาน|Labour Skill Standards
""")

# Public organizations (องค์การมหาชน): ministry key | Thai | English | domain
PUBLIC_ORGS = _table("""
pmo|สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)|Digital Government Development Agency (Public Organization)|dga.or.th
pmo|สำนักงานส่งเสริมการจัดประชุมและนิทรรศการ (องค์การมหาชน)|Thailand Convention and Exhibition Bureau (Public Organization)|tceb.or.th
moph|โรงพยาบาลบ้านแพ้ว (องค์การมหาชน)|Banphaeo Hospital (Public Organization)|banphaeo.or.th
pmo|สำนักงานรับรองมาตรฐานและประเมินคุณภาพการศึกษา (องค์การมหาชน)|Office for National Education Standards and Quality Assessment (Public Organization)|onesqa.or.th
moe|สถาบันทดสอบทางการศึกษาแห่งชาติ (องค์การมหาชน)|National Institute of Educational Testing Service (Public Organization)|niets.or.th
mhesi|สถาบันวิจัยแสงซินโครตรอน (องค์การมหาชน)|Synchrotron Light Research Institute (Public Organization)|slri.or.th
mhesi|สถาบันวิจัยดาราศาสตร์แห่งชาติ (องค์การมหาชน)|National Astronomical Research Institute of Thailand (Public Organization)|narit.or.th
mhesi|สำนักงานพัฒนาเทคโนโลยีอวกาศและภูมิสารสนเทศ (องค์การมหาชน)|Geo-Informatics and Space Technology Development Agency (Public Organization)|gistda.or.th
pmo|สำนักงานบริหารและพัฒนาองค์ความรู้ (องค์การมหาชน)|Office of Knowledge Management and Development (Public Organization)|okmd.or.th
msdhs|สถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน)|Community Organizations Development Institute (Public Organization)|codi.or.th
mots|สำนักงานพัฒนาพื้นที่พิเศษเพื่อการท่องเที่ยวอย่างยั่งยืน (องค์การมหาชน)|Designated Areas for Sustainable Tourism Administration (Public Organization)|dasta.or.th
mhesi|สถาบันเทคโนโลยีนิวเคลียร์แห่งชาติ (องค์การมหาชน)|Thailand Institute of Nuclear Technology (Public Organization)|tint.or.th
mculture|สถาบันส่งเสริมศิลปหัตถกรรมไทย (องค์การมหาชน)|Sustainable Arts and Crafts Institute of Thailand (Public Organization)|sacit.or.th
""")

# State enterprises: key | ministry key | Thai | English | domain
ENTERPRISES = _table("""
egat|moen|การไฟฟ้าฝ่ายผลิตแห่งประเทศไทย|Electricity Generating Authority of Thailand|egat.co.th
pea|moi|การไฟฟ้าส่วนภูมิภาค|Provincial Electricity Authority|pea.co.th
mea|moi|การไฟฟ้านครหลวง|Metropolitan Electricity Authority|mea.or.th
pwa|moi|การประปาส่วนภูมิภาค|Provincial Waterworks Authority|pwa.co.th
mwa|moi|การประปานครหลวง|Metropolitan Waterworks Authority|mwa.co.th
srt|mot|การรถไฟแห่งประเทศไทย|State Railway of Thailand|railway.co.th
pat|mot|การท่าเรือแห่งประเทศไทย|Port Authority of Thailand|port.co.th
tat|mots|การท่องเที่ยวแห่งประเทศไทย|Tourism Authority of Thailand|tat.or.th
gsb|mof|ธนาคารออมสิน|Government Savings Bank|gsb.or.th
ghb|mof|ธนาคารอาคารสงเคราะห์|Government Housing Bank|ghbank.co.th
baac|mof|ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร|Bank for Agriculture and Agricultural Cooperatives|baac.or.th
glo|mof|สำนักงานสลากกินแบ่งรัฐบาล|Government Lottery Office|glo.or.th
toat|mof|การยาสูบแห่งประเทศไทย|Tobacco Authority of Thailand|thaitobacco.or.th
gpo|moph|องค์การเภสัชกรรม|Government Pharmaceutical Organization|gpo.or.th
bmta|mot|องค์การขนส่งมวลชนกรุงเทพ|Bangkok Mass Transit Authority|bmta.co.th
nha|msdhs|การเคหะแห่งชาติ|National Housing Authority|nha.co.th
exat|mot|การทางพิเศษแห่งประเทศไทย|Expressway Authority of Thailand|exat.co.th
ieat|moind|การนิคมอุตสาหกรรมแห่งประเทศไทย|Industrial Estate Authority of Thailand|ieat.go.th
zpo|mnre|องค์การสวนสัตว์แห่งประเทศไทย ในพระบรมราชูปถัมภ์|Zoological Park Organization of Thailand|zoothailand.org
sat|mots|การกีฬาแห่งประเทศไทย|Sports Authority of Thailand|sat.or.th
thp|mdes|บริษัท ไปรษณีย์ไทย จำกัด|Thailand Post Co., Ltd.|thailandpost.co.th
nt|mdes|บริษัท โทรคมนาคมแห่งชาติ จำกัด (มหาชน)|National Telecom Public Company Limited|ntplc.co.th
aot|mot|บริษัท ท่าอากาศยานไทย จำกัด (มหาชน)|Airports of Thailand Public Company Limited|airportthai.co.th
fio|moac|องค์การอุตสาหกรรมป่าไม้|Forest Industry Organization|fio.co.th
raot|moac|การยางแห่งประเทศไทย|Rubber Authority of Thailand|raot.co.th
""")
BRANCHED_ENTERPRISES = ("pea", "pwa", "gsb", "baac", "egat", "mea")

# Provincial offices: pattern key | department key | unit? | Thai | English ({p} = province)
REGIONAL = _table("""
dla|dla|0|สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด{p}|{p} Provincial Local Administration Office
obec1|obec|0|สำนักงานเขตพื้นที่การศึกษาประถมศึกษา{p} เขต 1|{p} Primary Educational Service Area Office 1
nso|nso|0|สำนักงานสถิติจังหวัด{p}|{p} Provincial Statistical Office
dopa|dopa|0|ที่ทำการปกครองจังหวัด{p}|{p} Provincial Administration Office
obec2|obec|0|สำนักงานเขตพื้นที่การศึกษาประถมศึกษา{p} เขต 2|{p} Primary Educational Service Area Office 2
cdd|cdd|0|สำนักงานพัฒนาชุมชนจังหวัด{p}|{p} Provincial Community Development Office
doae|doae|0|สำนักงานเกษตรจังหวัด{p}|{p} Provincial Agricultural Extension Office
moph|ps-moph|0|สำนักงานสาธารณสุขจังหวัด{p}|{p} Provincial Public Health Office
dol|dol|0|สำนักงานที่ดินจังหวัด{p}|{p} Provincial Land Office
sso|sso|0|สำนักงานประกันสังคมจังหวัด{p}|{p} Provincial Social Security Office
doe|doe|0|สำนักงานจัดหางานจังหวัด{p}|{p} Provincial Employment Office
moc|ps-moc|0|สำนักงานพาณิชย์จังหวัด{p}|{p} Provincial Commercial Office
culture|ps-mculture|0|สำนักงานวัฒนธรรมจังหวัด{p}|{p} Provincial Cultural Office
mots|ps-mots|0|สำนักงานการท่องเที่ยวและกีฬาจังหวัด{p}|{p} Provincial Office of Tourism and Sports
moen|ps-moen|0|สำนักงานพลังงานจังหวัด{p}|{p} Provincial Energy Office
moind|ps-moind|0|สำนักงานอุตสาหกรรมจังหวัด{p}|{p} Provincial Industry Office
mnre|ps-mnre|0|สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัด{p}|{p} Provincial Office of Natural Resources and Environment
dlt|dlt|0|สำนักงานขนส่งจังหวัด{p}|{p} Provincial Land Transport Office
probation|probation|0|สำนักงานคุมประพฤติจังหวัด{p}|{p} Provincial Probation Office
moj|ps-moj|0|สำนักงานยุติธรรมจังหวัด{p}|{p} Provincial Justice Office
mol|ps-mol|0|สำนักงานแรงงานจังหวัด{p}|{p} Provincial Labour Office
msdhs|ps-msdhs|0|สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด{p}|{p} Provincial Office of Social Development and Human Security
moe|ps-moe|0|สำนักงานศึกษาธิการจังหวัด{p}|{p} Provincial Education Office
dld|dld|0|สำนักงานปศุสัตว์จังหวัด{p}|{p} Provincial Livestock Office
dof|dof|0|สำนักงานประมงจังหวัด{p}|{p} Provincial Fisheries Office
cpd|cpd|0|สำนักงานสหกรณ์จังหวัด{p}|{p} Provincial Cooperative Office
ddpm|ddpm|0|สำนักงานป้องกันและบรรเทาสาธารณภัยจังหวัด{p}|{p} Provincial Office of Disaster Prevention and Mitigation
dpt|dpt|0|สำนักงานโยธาธิการและผังเมืองจังหวัด{p}|{p} Provincial Office of Public Works and Town and Country Planning
cgd|cgd|1|สำนักงานคลังจังหวัด{p}|{p} Provincial Comptroller Office
rd|rd|1|สำนักงานสรรพากรพื้นที่{p}|{p} Area Revenue Office
excise|excise|1|สำนักงานสรรพสามิตพื้นที่{p}|{p} Area Excise Office
""")
# District offices of the Department of Provincial Administration, internal units of it.
DISTRICT_OFFICE = ("ที่ทำการปกครองอำเภอ{p}", "{p} District Office")
DISTRICT_OFFICES_PER_PROVINCE = 8

UNIVERSITIES = _table("""
จุฬาลงกรณ์มหาวิทยาลัย|Chulalongkorn University|10|chula.ac.th
มหาวิทยาลัยธรรมศาสตร์|Thammasat University|10|tu.ac.th
มหาวิทยาลัยมหิดล|Mahidol University|73|mahidol.ac.th
มหาวิทยาลัยเกษตรศาสตร์|Kasetsart University|10|ku.ac.th
มหาวิทยาลัยเชียงใหม่|Chiang Mai University|50|cmu.ac.th
มหาวิทยาลัยขอนแก่น|Khon Kaen University|40|kku.ac.th
มหาวิทยาลัยสงขลานครินทร์|Prince of Songkla University|90|psu.ac.th
มหาวิทยาลัยศิลปากร|Silpakorn University|73|su.ac.th
มหาวิทยาลัยศรีนครินทรวิโรฒ|Srinakharinwirot University|10|swu.ac.th
มหาวิทยาลัยบูรพา|Burapha University|20|buu.ac.th
มหาวิทยาลัยนเรศวร|Naresuan University|65|nu.ac.th
มหาวิทยาลัยมหาสารคาม|Mahasarakham University|44|msu.ac.th
มหาวิทยาลัยอุบลราชธานี|Ubon Ratchathani University|34|ubu.ac.th
มหาวิทยาลัยแม่โจ้|Maejo University|50|mju.ac.th
มหาวิทยาลัยรามคำแหง|Ramkhamhaeng University|10|ru.ac.th
มหาวิทยาลัยสุโขทัยธรรมาธิราช|Sukhothai Thammathirat Open University|12|stou.ac.th
มหาวิทยาลัยเทคโนโลยีสุรนารี|Suranaree University of Technology|30|sut.ac.th
มหาวิทยาลัยวลัยลักษณ์|Walailak University|80|wu.ac.th
มหาวิทยาลัยแม่ฟ้าหลวง|Mae Fah Luang University|57|mfu.ac.th
สถาบันบัณฑิตพัฒนบริหารศาสตร์|National Institute of Development Administration|10|nida.ac.th
มหาวิทยาลัยพะเยา|University of Phayao|56|up.ac.th
มหาวิทยาลัยทักษิณ|Thaksin University|90|tsu.ac.th
""")
RAJAMANGALA = _table("""
ธัญบุรี|Thanyaburi|13
กรุงเทพ|Krungthep|10
พระนคร|Phra Nakhon|10
ตะวันออก|Tawan-ok|20
รัตนโกสินทร์|Rattanakosin|73
สุวรรณภูมิ|Suvarnabhumi|14
ล้านนา|Lanna|50
อีสาน|Isan|30
ศรีวิชัย|Srivijaya|90
""")
COLLEGES = _table("""
วิทยาลัยเทคนิค{p}|{p} Technical College
วิทยาลัยอาชีวศึกษา{p}|{p} Vocational College
วิทยาลัยเกษตรและเทคโนโลยี{p}|{p} College of Agriculture and Technology
วิทยาลัยสารพัดช่าง{p}|{p} Polytechnic College
วิทยาลัยการอาชีพ{d}|{d} Industrial and Community Education College
""")
SCHOOLS = _table("""
โรงเรียนบ้าน{d}|Ban {d} School
โรงเรียนวัด{d}|Wat {d} School
โรงเรียน{d}วิทยา|{d} Witthaya School
โรงเรียนอนุบาล{d}|Anuban {d} School
โรงเรียนชุมชนบ้าน{d}|Ban {d} Community School
โรงเรียน{p}วิทยาคม|{p} Witthayakhom School
""")

# Internal units by the kind of body they belong to: Thai | English
UNITS_CENTRAL = _table("""
สำนักงานเลขานุการกรม|Office of the Secretary
กองคลัง|Finance Division
กองการเจ้าหน้าที่|Personnel Division
กองแผนงาน|Planning Division
กองกฎหมาย|Legal Affairs Division
ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร|Information and Communication Technology Centre
กลุ่มตรวจสอบภายใน|Internal Audit Group
กลุ่มพัฒนาระบบบริหาร|Public Sector Development Group
ศูนย์ปฏิบัติการต่อต้านการทุจริต|Anti-Corruption Operation Centre
สำนักบริหารกลาง|Bureau of General Administration
กองส่งเสริมและพัฒนา|Promotion and Development Division
กองสถิติเศรษฐกิจ|Economic Statistics Division
กองสถิติสังคม|Social Statistics Division
ศูนย์ข้อมูลดิจิทัล|Digital Data Centre
กองวิเทศสัมพันธ์|Foreign Relations Division
กองประชาสัมพันธ์|Public Relations Division
สถาบันพัฒนาบุคลากร|Human Resource Development Institute
กองนโยบายและยุทธศาสตร์|Policy and Strategy Division
กองเศรษฐกิจดิจิทัล|Digital Economy Division
กองบริการประชาชน|Public Service Division
ศูนย์รับเรื่องร้องเรียน|Complaints Centre
กองวิจัยและพัฒนา|Research and Development Division
""")
UNITS_REGIONAL = _table("""
กลุ่มงานบริหารทั่วไป|General Administration Section
กลุ่มงานวิชาการ|Technical Section
กลุ่มงานส่งเสริมและพัฒนา|Promotion and Development Section
กลุ่มงานยุทธศาสตร์และสารสนเทศ|Strategy and Information Section
ฝ่ายบริการประชาชน|Public Service Unit
""")
UNITS_LOCAL = _table("""
สำนักปลัด|Office of the Chief Administrator
กองคลัง|Finance Division
กองช่าง|Engineering Division
กองการศึกษา|Education Division
กองสาธารณสุขและสิ่งแวดล้อม|Public Health and Environment Division
กองสวัสดิการสังคม|Social Welfare Division
กองยุทธศาสตร์และงบประมาณ|Strategy and Budget Division
""")
UNITS_UNIVERSITY = _table("""
คณะวิทยาศาสตร์|Faculty of Science
คณะเศรษฐศาสตร์|Faculty of Economics
คณะวิศวกรรมศาสตร์|Faculty of Engineering
คณะแพทยศาสตร์|Faculty of Medicine
คณะนิติศาสตร์|Faculty of Law
คณะครุศาสตร์|Faculty of Education
คณะมนุษยศาสตร์และสังคมศาสตร์|Faculty of Humanities and Social Sciences
สำนักวิทยบริการและเทคโนโลยีสารสนเทศ|Office of Academic Resources and Information Technology
คณะเกษตรศาสตร์|Faculty of Agriculture
คณะบริหารธุรกิจ|Faculty of Business Administration
วิทยาลัยนวัตกรรมดิจิทัล|College of Digital Innovation
""")
UNITS_NESTED = _table("""
ฝ่ายบริหารทั่วไป|General Administration Unit
ฝ่ายการเงินและบัญชี|Finance and Accounting Unit
ฝ่ายพัสดุ|Procurement Unit
งานสารบรรณ|Records Unit
""")

HOURS = _table("""
จันทร์–ศุกร์ 08:30–16:30 น.|Mon–Fri 08:30–16:30
จันทร์–ศุกร์ 08:00–16:00 น.|Mon–Fri 08:00–16:00
จันทร์–ศุกร์ 08:30–16:30 น. (เว้นวันหยุดราชการ)|Mon–Fri 08:30–16:30 (except public holidays)
ทุกวัน 08:00–20:00 น.|Daily 08:00–20:00
""")
LICENCES = _table("""
ใบอนุญาตประกอบกิจการโรงงาน|Factory operation licence
ใบอนุญาตก่อสร้างอาคาร|Building construction permit
ใบอนุญาตจำหน่ายสุรา|Liquor sale licence
ใบอนุญาตประกอบกิจการที่เป็นอันตรายต่อสุขภาพ|Licence for businesses hazardous to health
ใบอนุญาตจัดตั้งสถานที่จำหน่ายอาหาร|Food shop licence
ใบอนุญาตขับรถ|Driving licence
ใบอนุญาตขายยาแผนปัจจุบัน|Modern medicine retail licence
ใบอนุญาตนำเข้าสินค้า|Import licence
ใบอนุญาตประกอบธุรกิจนำเที่ยว|Tour business licence
ใบอนุญาตใช้น้ำบาดาล|Groundwater use licence
""")
PROBLEMS = _table("""
infrastructure|เครือข่ายอินเทอร์เน็ตในพื้นที่ไม่เสถียร
infrastructure|เครื่องคอมพิวเตอร์และระบบสารบรรณอิเล็กทรอนิกส์ไม่เพียงพอ
data|ข้อมูลของหน่วยงานยังไม่เป็นมาตรฐานเดียวกันและไม่เป็นดิจิทัล
awareness|ประชาชนยังไม่ทราบช่องทางการติดต่อทางอิเล็กทรอนิกส์ของหน่วยงาน
personnel|ขาดบุคลากรด้านเทคโนโลยีสารสนเทศและการพัฒนารัฐบาลดิจิทัล
budget|งบประมาณไม่เพียงพอสำหรับพัฒนาระบบดิจิทัล
law|ระเบียบภายในยังไม่รองรับการยื่นคำขอทางอิเล็กทรอนิกส์
other|อยู่ระหว่างการปรับโครงสร้างหน่วยงาน
""")
USERS = ("somchai", "somsak", "malee", "suda", "wichai", "napat", "kanya", "prasert", "anong", "thanakorn")
FILLER_WORDS = (
    "announcement electronic channel agency service public digital government section order licence "
    "procedure request citizen office data system online form record notice official province department "
    "ministry act regulation submit contact email website statistics economy promotion commission "
    "registration review approval payment certificate portal document archive schedule applicant"
).split()

# --- the hierarchy -------------------------------------------------------------------------

# kind | agencies at 20,000 | least number of it when the tree has room for them all
KINDS = (
    ("ministry", 20, 2),
    ("top", 11, 1),
    ("department", 150, 3),
    ("public_org", 60, 1),
    ("enterprise", 45, 1),
    ("regional", 1500, 3),
    ("local", 7800, 5),
    ("university", 80, 1),
    ("college", 420, 0),
    ("school", 4000, 2),
    ("unit", 5914, 3),
)
# kind of local government | count within 7,800 | least
LOCAL_KINDS = (
    ("pao", 76, 1),
    ("special", 2, 0),
    ("city", 30, 0),
    ("town", 195, 1),
    ("tambon", 2247, 1),
    ("sao", 5250, 1),
)
CODE_PREFIX = {"ministry": "01", "top": "02", "department": "03", "public_org": "04", "enterprise": "05",
               "regional": "06", "local": "07", "university": "08", "college": "08", "school": "09", "unit": "10"}
SERVES_PUBLIC = {"ministry": 0.5, "top": 0.6, "department": 0.7, "public_org": 0.7, "enterprise": 0.95,
                 "regional": 0.95, "local": 1.0, "university": 0.9, "college": 0.9, "school": 0.9, "unit": 0.3}
# relative number of document versions an agency of each kind keeps
VERSION_WEIGHT = {"ministry": 5, "top": 4, "department": 4, "public_org": 3, "enterprise": 3, "regional": 2,
                  "local": 2, "university": 3, "college": 2, "school": 1, "unit": 1}


@dataclass(slots=True, eq=False)
class Agency:
    code: str
    kind: str
    type: str
    subtype: str
    name_th: str
    name_en: str | None
    province: str
    parent: Agency | None
    unit: bool = False
    full_th: str | None = None
    full_en: str | None = None
    domain: str = ""
    website: str = ""
    address_th: str = ""
    address_en: str = ""
    ordinal: int = 0
    visible: bool = True
    children: int = 0
    education: bool = False


def apportion(total: int, weights: list[int], least: list[int]) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainders); a share below its `least`
    is raised to it, at the expense of the largest shares, when `total` allows."""
    raw = [total * w / sum(weights) for w in weights]
    counts = [int(r) for r in raw]
    for i in sorted(range(len(weights)), key=lambda i: (counts[i] - raw[i], i))[: total - sum(counts)]:
        counts[i] += 1
    if sum(least) <= total:
        for i, need in enumerate(least):
            while counts[i] < need:
                donor = max(range(len(counts)), key=lambda j: (counts[j] - least[j], -j))
                counts[donor] -= 1
                counts[i] += 1
    return counts


def _initials(english: str) -> str:
    words = [w for w in re.split(r"[^A-Za-z]+", english) if w and w.lower() not in ("of", "the", "and", "for")]
    return "".join(w[0] for w in words).lower() or "agency"


def _squash(english: str) -> str:
    return re.sub(r"[^a-z]", "", english.lower()) or "agency"


def _nth(th: str, en: str, round_: int) -> tuple[str, str]:
    return (th, en) if round_ == 0 else (f"{th} {round_ + 1}", f"{en} {round_ + 1}")


class _Tree:
    """Agencies in creation order (every parent before its children), and ways to find them."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.agencies: list[Agency] = []
        self.by_kind: dict[str, list[Agency]] = {kind: [] for kind, _, _ in KINDS}
        self.by_key: dict[str, Agency] = {}
        self.dla_office: dict[str, Agency] = {}
        self.obec_offices: list[Agency] = []
        self.dopa_office: dict[str, Agency] = {}
        self._domains: set[str] = set()
        self._serial: dict[str, int] = {}

    def add(self, kind: str, type_: str, subtype: str, th: str, en: str | None, province: str,
            parent: Agency | None, *, domain: str, unit: bool = False, key: str = "",
            www: bool = True) -> Agency:
        rng = self.rng
        prefix = CODE_PREFIX[kind]
        serial = self._serial.get(prefix, rng.randrange(1000, 90000)) + rng.randint(1, 9)
        self._serial[prefix] = serial
        a = Agency(code=f"{prefix}{serial:011d}", kind=kind, type=type_, subtype=subtype, name_th=th,
                   name_en=en, province=province, parent=parent, unit=unit, ordinal=len(self.agencies) + 1)
        if parent is not None:
            parent.children += 1
        if unit and parent is not None:
            a.domain = parent.domain
            a.website = f"{parent.website}/{_initials(en or 'unit')}{a.ordinal}"
        else:
            a.domain = self._unique_domain(domain)
            a.website = f"https://{'www.' if www else ''}{a.domain}"
        self.agencies.append(a)
        self.by_kind[kind].append(a)
        if key:
            self.by_key[key] = a
        return a

    def _unique_domain(self, domain: str) -> str:
        name, _, suffix = domain.partition(".")
        candidate, n = domain, 1
        while candidate in self._domains:
            n += 1
            candidate = f"{name}{n}.{suffix}"
        self._domains.add(candidate)
        return candidate

    def pick(self, *kinds: str) -> Agency | None:
        """Any agency of the first of `kinds` that has one."""
        for kind in kinds:
            if self.by_kind[kind]:
                return self.rng.choice(self.by_kind[kind])
        return None

    def keyed(self, key: str, *fallback_kinds: str) -> Agency | None:
        return self.by_key.get(key) or self.pick(*fallback_kinds)


def _build_tree(rng: random.Random, total: int) -> _Tree:
    tree = _Tree(rng)
    counts = dict(zip((k for k, _, _ in KINDS),
                      apportion(total, [w for _, w, _ in KINDS], [m for _, _, m in KINDS])))
    _ministries(tree, counts["ministry"])
    _top_level(tree, counts["top"])
    _departments(tree, counts["department"])
    _public_orgs(tree, counts["public_org"])
    _enterprises(tree, counts["enterprise"])
    _regional(tree, counts["regional"])
    _local(tree, counts["local"])
    _universities(tree, counts["university"])
    _colleges(tree, counts["college"])
    _schools(tree, counts["school"])
    _units(tree, counts["unit"])
    return tree


def _ministries(tree: _Tree, count: int) -> None:
    for i in range(count):
        key, th, en = MINISTRIES[i % len(MINISTRIES)]
        th, en = _nth(th, en, i // len(MINISTRIES))
        tree.add("ministry", "government_agency", "central", th, en, "10", None,
                 domain=f"{key}.go.th", key=key if i < len(MINISTRIES) else "")


def _top_level(tree: _Tree, count: int) -> None:
    for i in range(count):
        key, type_, th, en = TOP_LEVEL[i % len(TOP_LEVEL)]
        th, en = _nth(th, en, i // len(TOP_LEVEL))
        tree.add("top", type_, "central", th, en, "10", None, domain=f"{key}.go.th")


def _department_list() -> list[tuple[str, ...]]:
    permanent = [(f"ps-{key}", key, f"สำนักงานปลัด{th}", f"Office of the Permanent Secretary, {en}")
                 for key, th, en in MINISTRIES]
    return DEPARTMENTS[:FIRST_DEPARTMENTS] + permanent + DEPARTMENTS[FIRST_DEPARTMENTS:]


def _departments(tree: _Tree, count: int) -> None:
    real = _department_list()
    for i in range(count):
        if i < len(real):
            key, ministry_key, th, en = real[i]
            parent = tree.keyed(ministry_key, "ministry")
        else:
            j = i - len(real)
            prefix_th, pattern_en = COMPOSED_PREFIXES[j % len(COMPOSED_PREFIXES)]
            subject_th, subject_en = SUBJECTS[(j // len(COMPOSED_PREFIXES)) % len(SUBJECTS)]
            th, en = _nth(prefix_th + subject_th, pattern_en.format(subject_en),
                          j // (len(COMPOSED_PREFIXES) * len(SUBJECTS)))
            key, parent = "", tree.pick("ministry")
        a = tree.add("department", "government_agency", "central", th, en, "10", parent,
                     domain=f"{key or _initials(en)}.go.th", key=key)
        if parent is not None and tree.rng.random() < 0.4:
            a.full_th, a.full_en = f"{th} {parent.name_th}", f"{en}, {parent.name_en}"


def _public_orgs(tree: _Tree, count: int) -> None:
    for i in range(count):
        if i < len(PUBLIC_ORGS):
            ministry_key, th, en, domain = PUBLIC_ORGS[i]
            parent = tree.keyed(ministry_key, "ministry")
        else:
            j = i - len(PUBLIC_ORGS)
            subject_th, subject_en = SUBJECTS[j % len(SUBJECTS)]
            kind_th, kind_en = (("สำนักงาน", "Agency"), ("สถาบัน", "Institute"))[(j // len(SUBJECTS)) % 2]
            th, en = _nth(f"{kind_th}{subject_th} (องค์การมหาชน)", f"{subject_en} {kind_en} (Public Organization)",
                          j // (2 * len(SUBJECTS)))
            parent, domain = tree.pick("ministry"), f"{_initials(en)}.or.th"
        tree.add("public_org", "public_organization", "central", th, en, "10", parent, domain=domain)


def _enterprises(tree: _Tree, count: int) -> None:
    for i in range(count):
        if i < len(ENTERPRISES):
            key, ministry_key, th, en, domain = ENTERPRISES[i]
            tree.add("enterprise", "state_enterprise", "central", th, en, "10", tree.keyed(ministry_key, "ministry"),
                     domain=domain, key=key)
            continue
        j = i - len(ENTERPRISES)
        base = tree.by_key.get(BRANCHED_ENTERPRISES[j % len(BRANCHED_ENTERPRISES)]) or tree.pick("enterprise")
        assert base is not None
        region = j // len(BRANCHED_ENTERPRISES) + 1
        province = tree.rng.choice(UPCOUNTRY)[0]
        tree.add("enterprise", "state_enterprise", "regional", f"{base.name_th} เขต {region}",
                 f"{base.name_en}, Region {region}", province, base,
                 domain=f"region{region}.{base.domain}", www=False)


def _regional_slots(rng: random.Random):
    """(pattern, province, place) in the order provincial offices are created."""
    for pattern in REGIONAL[:3]:  # one of each layer's parent first, even in a small tree
        yield pattern, rng.choice(UPCOUNTRY), None
    for pattern in REGIONAL:
        for province in PROVINCES if pattern[0] != "dla" else UPCOUNTRY:
            yield pattern, province, None
    for province in PROVINCES:
        for place in rng.sample(PLACES, DISTRICT_OFFICES_PER_PROVINCE):
            yield None, province, place
    for round_ in itertools.count(1):
        for pattern in REGIONAL:
            for province in PROVINCES:
                yield pattern, province, round_


def _regional(tree: _Tree, count: int) -> None:
    seen: set[tuple[str, str, object]] = set()
    slots = _regional_slots(tree.rng)
    made = 0
    while made < count:
        pattern, (pcode, pth, pen, _), extra = next(slots)
        ident = (pattern[0] if pattern else "district", pcode, extra)
        if ident in seen:
            continue
        seen.add(ident)
        if pattern is None:  # a district office
            place_th, place_en = extra
            parent = tree.dopa_office.get(pcode) or tree.keyed("dopa", "department", "ministry")
            a = tree.add("regional", "government_agency", "regional", DISTRICT_OFFICE[0].format(p=place_th),
                         DISTRICT_OFFICE[1].format(p=place_en), pcode, parent, unit=parent is not None,
                         domain=f"{_squash(place_en)}.dopa.go.th", www=False)
        else:
            key, dept_key, unit, th, en = pattern
            th, en = _nth(th.format(p=pth), en.format(p=pen), extra or 0)
            parent = tree.keyed(dept_key, "department", "ministry")
            base = parent.domain if parent is not None else "go.th"
            a = tree.add("regional", "government_agency", "regional", th, en, pcode, parent,
                         unit=unit == "1" and parent is not None, domain=f"{_squash(pen)}.{base}", www=False)
            if key == "dla":
                tree.dla_office.setdefault(pcode, a)
            elif key.startswith("obec"):
                tree.obec_offices.append(a)
            elif key == "dopa":
                tree.dopa_office.setdefault(pcode, a)
        made += 1


LOCAL_NAMES = {  # kind: subtype, Thai prefix, English pattern, domain pattern
    "pao": ("provincial_admin_org", "องค์การบริหารส่วนจังหวัด", "{} Provincial Administrative Organization", "pao-{}"),
    "city": ("municipality", "เทศบาลนคร", "{} City Municipality", "{}city"),
    "town": ("municipality", "เทศบาลเมือง", "{} Town Municipality", "{}town"),
    "tambon": ("municipality", "เทศบาลตำบล", "{} Subdistrict Municipality", "tambon{}"),
    "sao": ("subdistrict_admin_org", "องค์การบริหารส่วนตำบล", "{} Subdistrict Administrative Organization", "{}"),
}
SPECIAL_LOCAL = (("กรุงเทพมหานคร", "Bangkok Metropolitan Administration", "10", "bangkok.go.th"),
                 ("เมืองพัทยา", "Pattaya City", "20", "pattaya.go.th"))


def _local(tree: _Tree, count: int) -> None:
    rng = tree.rng
    split = apportion(count, [w for _, w, _ in LOCAL_KINDS], [m for _, _, m in LOCAL_KINDS])
    dla_provinces = sorted(tree.dla_office)
    for (kind, _, _), n in zip(LOCAL_KINDS, split):
        for i in range(n):
            if kind == "special":
                th, en, pcode, domain = SPECIAL_LOCAL[i % 2]
                th, en = _nth(th, en, i // 2)
                tree.add("local", "local_government", "special_local", th, en, pcode,
                         tree.keyed("moi", "ministry"), domain=domain)
                continue
            subtype, prefix_th, pattern_en, domain = LOCAL_NAMES[kind]
            if kind == "pao":
                pcode, pth, pen, _ = UPCOUNTRY[i % len(UPCOUNTRY)]
                th, en = _nth(prefix_th + pth, pattern_en.format(pen), i // len(UPCOUNTRY))
                slug = _squash(pen)
            else:
                pcode = rng.choice(dla_provinces) if dla_provinces else rng.choice(UPCOUNTRY)[0]
                pth, pen, _ = PROVINCE[pcode]
                place_th, place_en = (pth, pen) if kind == "city" and rng.random() < 0.6 else rng.choice(PLACES)
                th, en = prefix_th + place_th, pattern_en.format(place_en)
                slug = _squash(place_en)
            parent = tree.dla_office.get(pcode) or tree.keyed("dla", "department", "ministry")
            a = tree.add("local", "local_government", subtype, th, en, pcode, parent, domain=f"{domain.format(slug)}.go.th")
            if kind != "pao" and rng.random() < 0.4:
                district_th, district_en = rng.choice(PLACES)
                a.full_th = f"{th} อำเภอ{district_th} จังหวัด{pth}"
                a.full_en = f"{en}, {district_en} District, {pen}"
            if rng.random() < 0.05:
                a.name_en = None
                a.full_en = None


def _universities(tree: _Tree, count: int) -> None:
    rajabhat = [p for p in UPCOUNTRY if p[0] in
                ("50", "57", "52", "65", "60", "62", "30", "31", "32", "34", "40", "41", "44", "45", "47", "20",
                 "22", "24", "14", "16", "70", "71", "72", "73", "76", "80", "84", "90", "95", "82")]
    names = [(th, en, pcode, domain) for th, en, pcode, domain in UNIVERSITIES]
    names += [(f"มหาวิทยาลัยราชภัฏ{pth}", f"{pen} Rajabhat University", pcode, f"{_squash(pen)}rajabhat.ac.th")
              for pcode, pth, pen, _ in rajabhat]
    names += [(f"มหาวิทยาลัยเทคโนโลยีราชมงคล{th}", f"Rajamangala University of Technology {en}", pcode,
               f"rmut{_squash(en)}.ac.th") for th, en, pcode in RAJAMANGALA]
    made: list[Agency] = []
    for i in range(count):
        parent = tree.keyed("mhesi", "ministry")
        if i < len(names):
            th, en, pcode, domain = names[i]
        else:  # campuses of the first universities
            base = made[(i - len(names)) % len(made)]
            place_th, place_en = tree.rng.choice(PLACES)
            th, en = f"{base.name_th} วิทยาเขต{place_th}", f"{base.name_en}, {place_en} Campus"
            pcode, domain, parent = tree.rng.choice(UPCOUNTRY)[0], f"{_squash(place_en)}.{base.domain}", base
        a = tree.add("university", "educational_institution", "other", th, en, pcode, parent, domain=domain)
        a.education = True
        made.append(a)


def _colleges(tree: _Tree, count: int) -> None:
    slots = [(pattern, province) for pattern in COLLEGES for province in PROVINCES]
    for i in range(count):
        (th, en), (pcode, pth, pen, _) = slots[i % len(slots)]
        place_th, place_en = tree.rng.choice(PLACES)
        th = th.format(p=pth, d=place_th)
        en = en.format(p=pen, d=place_en)
        th, en = _nth(th, en, i // len(slots))
        parent = tree.keyed("ovec", "department", "ministry")
        a = tree.add("college", "educational_institution", "regional", th, en, pcode, parent,
                     domain=f"{_initials(en)}{_squash(pen)[:6]}.ac.th")
        a.education = True


def _schools(tree: _Tree, count: int) -> None:
    rng = tree.rng
    for _ in range(count):
        parent = rng.choice(tree.obec_offices) if tree.obec_offices else tree.keyed("obec", "department", "ministry")
        pcode = parent.province if parent is not None else rng.choice(UPCOUNTRY)[0]
        pth, pen, _ = PROVINCE[pcode]
        th, en = rng.choice(SCHOOLS)
        place_th, place_en = rng.choice(PLACES)
        th, en = th.format(p=pth, d=place_th), en.format(p=pen, d=place_en)
        a = tree.add("school", "educational_institution", "regional", th, en, pcode, parent,
                     domain=f"{_squash(en.removesuffix(' School'))}.ac.th")
        a.education = True
        if parent is not None and rng.random() < 0.3:
            a.full_th = f"{th} สังกัด{parent.name_th}"
            a.full_en = f"{en}, {parent.name_en}"


def _units(tree: _Tree, count: int) -> None:
    rng = tree.rng
    central = [a for k in ("department", "ministry", "top", "public_org", "enterprise") for a in tree.by_kind[k]]
    regional = [a for a in tree.by_kind["regional"] if not a.unit]
    local = [a for a in tree.by_kind["local"] if a.subtype != "subdistrict_admin_org"]
    groups = [(central, 50, UNITS_CENTRAL), (regional, 20, UNITS_REGIONAL), (local, 12, UNITS_LOCAL),
              (tree.by_kind["university"], 10, UNITS_UNIVERSITY), (tree.by_kind["unit"], 8, UNITS_NESTED)]
    fallback = [a for a in tree.agencies if not a.unit]
    made_under: dict[str, int] = {}
    for _ in range(count):
        live = [(members, weight, names) for members, weight, names in groups if members]
        if live:
            members, _, names = rng.choices(live, weights=[w for _, w, _ in live])[0]
            parent = rng.choice(members)
        elif fallback:
            parent, names = rng.choice(fallback), UNITS_CENTRAL
        else:
            return
        k = made_under.get(parent.code, 0)
        made_under[parent.code] = k + 1
        th, en = _nth(*names[k % len(names)], k // len(names))
        a = tree.add("unit", parent.type, parent.subtype, f"{th} {parent.name_th}",
                     f"{en}, {parent.name_en}" if parent.name_en else None, parent.province, parent,
                     domain=parent.domain, unit=True)
        a.education = parent.education


# --- addresses, contacts ---------------------------------------------------------------------

def _fill_contacts(tree: _Tree) -> None:
    rng = tree.rng
    for a in tree.agencies:
        pth, pen, _ = PROVINCE[a.province]
        postal = f"{a.province}{rng.randrange(0, 20) * 10 + (0 if rng.random() < 0.7 else 1):03d}"
        road_th, road_en = rng.choice(ROADS)
        number = rng.randint(1, 999)
        if a.unit and a.parent is not None:
            floor = rng.randint(2, 12)
            a.address_th = f"ชั้น {floor} {a.parent.address_th}"
            a.address_en = f"Floor {floor}, {a.parent.address_en}"
        elif a.province == "10":
            khet_th, khet_en, khwaeng_th, khwaeng_en = rng.choice(BANGKOK)
            a.address_th = f"{number} {road_th} แขวง{khwaeng_th} เขต{khet_th} กรุงเทพมหานคร {postal}"
            a.address_en = f"{number} {road_en}, {khwaeng_en}, {khet_en}, Bangkok {postal}"
        elif a.kind == "regional":
            sub_th, sub_en = rng.choice(PLACES)
            a.address_th = f"ศาลากลางจังหวัด{pth} {road_th} ตำบล{sub_th} อำเภอเมือง{pth} จังหวัด{pth} {postal}"
            a.address_en = f"Provincial Hall, {road_en}, {sub_en} Subdistrict, Mueang {pen} District, {pen} {postal}"
        else:
            (sub_th, sub_en), (dis_th, dis_en) = rng.choice(PLACES), rng.choice(PLACES)
            moo = rng.randint(1, 15)
            a.address_th = f"{number} หมู่ที่ {moo} ตำบล{sub_th} อำเภอ{dis_th} จังหวัด{pth} {postal}"
            a.address_en = f"{number} Moo {moo}, {sub_en} Subdistrict, {dis_en} District, {pen} {postal}"


def _phone(rng: random.Random, province: str) -> str:
    if rng.random() < 0.1:
        return f"0{rng.choice('689')}{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    return f"0 {PROVINCE[province][2]}{rng.randint(100, 999)} {rng.randint(1000, 9999)}"


# --- YAML text ----------------------------------------------------------------------------------

_SPECIAL_START = frozenset("-?:,[]{}#&*!|>'\"%@` ")
_NUMBER_LIKE = re.compile(r"[-+.0-9][-+.:0-9eE_]*")
_RESERVED = frozenset({"y", "n", "yes", "no", "true", "false", "on", "off", "null", "~", ""})


def _q(text: str, flow: bool = False) -> str:
    """`text` as a YAML scalar: plain when that reads back as the same string, else double-quoted."""
    if (text[:1] in _SPECIAL_START or text != text.strip() or ": " in text or " #" in text or text.endswith(":")
            or "\n" in text or "\t" in text or text.lower() in _RESERVED or _NUMBER_LIKE.fullmatch(text)
            or (flow and any(c in ",[]{}" for c in text))):
        return json.dumps(text, ensure_ascii=False)
    return text


def _text(key: str, th: str | None, en: str | None, flow: bool, indent: str = "") -> list[str]:
    parts = [(lang, value) for lang, value in (("th", th), ("en", en)) if value]
    if flow:
        return [f"{indent}{key}: {{" + ", ".join(f"{lang}: {_q(v, True)}" for lang, v in parts) + "}"]
    return [f"{indent}{key}:"] + [f"{indent}  {lang}: {_q(v)}" for lang, v in parts]


def _finish(lines: list[str], rng: random.Random) -> bytes:
    """The file's bytes; a few files get CRLF line ends or a byte-order mark, as SPEC §1 allows."""
    newline = "\r\n" if rng.random() < 0.005 else "\n"
    text = newline.join(lines) + newline
    if rng.random() < 0.005:
        text = "\ufeff" + text
    return text.encode("utf-8")


def _agency_yaml(a: Agency, rng: random.Random) -> bytes:
    quote = "'" if rng.random() < 0.05 else '"'
    lines = [f"# ข้อมูลหน่วยงาน {a.name_th}"] if rng.random() < 0.05 else []
    lines.append(f"code: {quote}{a.code}{quote}")
    if a.parent is not None:
        lines.append(f"parent: {quote}{a.parent.code}{quote}")
    if a.unit or rng.random() < 0.8:
        lines.append(f"unit: {'true' if a.unit else 'false'}")
    lines += [f"type: {a.type}", f"subtype: {a.subtype}"]
    lines += _text("name", a.name_th, a.name_en, rng.random() < 0.1)
    if a.full_th:
        lines += _text("full_name", a.full_th, a.full_en, rng.random() < 0.3)
    lines += _text("address", a.address_th, a.address_en if a.name_en else None, False)
    lines.append(f'province: "{a.province}"')
    if rng.random() < 0.98:
        lines.append(f"website: {a.website}")
    local = a.code[-7:]
    registered = f"saraban_{local}@dla.go.th" if a.kind == "local" else f"saraban@{a.domain}"
    public = f"contact@{a.domain}" if not a.unit else f"{_initials(a.name_en or 'unit')}{a.ordinal}@{a.domain}"
    lines += ["emails:", f"  public: {public}", f"  registered: {registered}", f"  complaints: complain@{a.domain}"]
    phones = [_phone(rng, a.province) for _ in range(1 if rng.random() < 0.7 else 2)]
    lines.append("phones: [" + ", ".join(f'"{p}"' for p in phones) + "]")
    if rng.random() < 0.95:
        lines += _text("hours", *rng.choice(HOURS), flow=rng.random() < 0.5)
    gecc = "null"
    if a.kind in ("regional", "local", "department") and rng.random() < 0.12:
        gecc = rng.choices(("basic", "medium", "high"), weights=(6, 3, 1))[0]
    lines += [
        "flags:",
        f"  serves_public: {'true' if rng.random() < SERVES_PUBLIC[a.kind] else 'false'}",
        f"  central_agency: {'true' if a.subtype == 'central' else 'false'}",
        f"  important_service_point: {'true' if rng.random() < 0.05 else 'false'}",
        f"  education: {'true' if a.education else 'false'}",
        f"  gecc_level: {gecc}",
        f"visible: {'true' if a.visible else 'false'}",
    ]
    maintainers = [f"@ag{a.ordinal}/web"]
    if rng.random() < 0.1:
        maintainers.append(f"@{rng.choice(USERS)}{rng.randint(1, 999)}")
    lines.append("maintainers: [" + ", ".join(f'"{m}"' for m in maintainers) + "]")
    return _finish(lines, rng)


# --- PDFs ----------------------------------------------------------------------------------------

_PDF_HEAD = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
_PDF_FIXED = (
    b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
    b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n",
    b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
    b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>\nendobj\n",
    b"4 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>\nendobj\n",
)
_PDF_PREFIX = _PDF_HEAD + b"".join(_PDF_FIXED)
_PDF_OFFSETS = tuple(len(_PDF_HEAD) + sum(len(o) for o in _PDF_FIXED[:i]) for i in range(len(_PDF_FIXED)))


def _pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_bytes(title: str, lines: list[str]) -> bytes:
    """A valid one-page PDF showing `lines` (ASCII) in Helvetica, with a correct xref table."""
    return _pdf(title, "".join(map(_show, lines)))


def _show(line: str) -> str:
    return f"({_pdf_escape(line)}) Tj T*\n"


def _pdf(title: str, shown: str) -> bytes:
    stream = f"BT\n/F1 11 Tf\n14 TL\n56 790 Td\n{shown}ET".encode("latin-1")
    obj5 = b"5 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n" % (len(stream), stream)
    obj6 = b"6 0 obj\n<< /Title (%s) /Producer (Prakat synthetic data) >>\nendobj\n" % (
        _pdf_escape(title).encode("latin-1"))
    at5 = len(_PDF_PREFIX)
    at6 = at5 + len(obj5)
    xref_at = at6 + len(obj6)
    xref = b"xref\n0 7\n0000000000 65535 f \n" + b"".join(
        b"%010d 00000 n \n" % offset for offset in (*_PDF_OFFSETS, at5, at6))
    trailer = b"trailer\n<< /Size 7 /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref_at
    return b"".join((_PDF_PREFIX, obj5, obj6, xref, trailer))


def _filler(rng: random.Random, count: int = 300) -> list[str]:
    lines = []
    for _ in range(count):
        words: list[str] = []
        width = rng.randint(50, 85)
        while sum(len(w) + 1 for w in words) < width:
            words.append(rng.choice(FILLER_WORDS))
        lines.append(" ".join(words).capitalize() + ".")
    return lines


# --- reports ---------------------------------------------------------------------------------------

SECTION_LABEL = {10: "Announcement of electronic channels (Section 10)", 13: "Announcement of licences (Section 13)",
                 16: "Order on electronic work systems (Section 16)"}
THAI_FILE_PREFIX = {10: "ประกาศช่องทางอิเล็กทรอนิกส์", 13: "ประกาศใบอนุญาต", 16: "คำสั่งมาตรา16"}


@dataclass(slots=True)
class _Plan:
    """What one agency's report.yaml will hold: number of versions per section, section 13 facts."""

    agency: Agency
    counts: dict[int, int] = field(default_factory=dict)  # section -> versions (only sections with a slot)
    s13: str = "absent"  # absent | none | complete | partial | not_published
    problems: int = 0


def _plan_reports(rng: random.Random, tree: _Tree, versions: int, no_report_share: float) -> list[_Plan]:
    agencies = tree.agencies
    silent = set(rng.sample(range(len(agencies)), round(len(agencies) * no_report_share)))
    plans: list[_Plan] = []
    slots: list[tuple[_Plan, int]] = []
    for i, a in enumerate(agencies):
        if i in silent:
            continue
        plan = _Plan(a)
        r = rng.random()
        plan.s13 = "absent" if r < 0.4 else "none" if r < 0.7 else rng.choices(
            ("complete", "partial", "not_published"), weights=(5, 3, 2))[0]
        sections = []
        if rng.random() < 0.92:
            sections.append(10)
        if rng.random() < (0.35 if a.unit else 0.75):
            sections.append(16)
        if plan.s13 == "partial" or (plan.s13 == "complete" and rng.random() < 0.9):
            sections.append(13)
        if not sections and plan.s13 in ("absent", "none"):
            sections.append(10)
        for section in sections:
            plan.counts[section] = 1
            slots.append((plan, section))
        plan.problems = rng.choices((0, 1, 2, 3), weights=(50, 25, 15, 10))[0]
        plans.append(plan)
    if versions < len(slots):
        for k in rng.sample(range(len(slots)), len(slots) - versions):
            plan, section = slots[k]
            plan.counts[section] = 0
    elif slots:
        weights = [VERSION_WEIGHT[plan.agency.kind] for plan, _ in slots]
        for plan, section in rng.choices(slots, weights=weights, k=versions - len(slots)):
            plan.counts[section] += 1
    return plans


class _Writer:
    """Writes files on one background thread, in order, while the caller computes the next ones."""

    CHUNK = 512

    def __init__(self, out: Path, keep: bool = False) -> None:
        self.out = str(out)
        self.kept: list[tuple[str, bytes]] = []  # every file written, when `keep`
        self._keep = keep
        self.files = 0
        self.bytes = 0
        self._pending: list[tuple[str, bytes | None]] = []
        self._pool = ThreadPoolExecutor(max_workers=1)
        self._futures: list[Future[None]] = []

    def mkdir(self, relative: str) -> None:
        self._pending.append((relative, None))

    def write(self, relative: str, data: bytes) -> None:
        self._pending.append((relative, data))
        if self._keep:
            self.kept.append((relative, data))
        self.files += 1
        self.bytes += len(data)
        if len(self._pending) >= self.CHUNK:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            self._futures.append(self._pool.submit(_write_all, self.out, self._pending))
            self._pending = []
        if len(self._futures) > 64:  # bound the memory held by queued chunks
            self._futures.pop(0).result()

    def close(self) -> None:
        self._flush()
        try:
            for future in self._futures:
                future.result()
        finally:
            self._pool.shutdown()


def _write_all(root: str, items: list[tuple[str, bytes | None]]) -> None:
    for relative, data in items:
        path = os.path.join(root, relative)
        if data is None:
            os.makedirs(path, exist_ok=True)
        else:
            with open(path, "wb") as f:
                f.write(data)


def _version_lines(fields: list[tuple[str, str]], title: tuple[str, str | None] | None, flow: bool) -> list[str]:
    if flow:
        items = [f"{k}: {v}" for k, v in fields]
        if title:
            items.append(_text("title", *title, flow=True)[0])
        return ["    - {" + ", ".join(items) + "}"]
    lines = [f"    - {fields[0][0]}: {fields[0][1]}"] + [f"      {k}: {v}" for k, v in fields[1:]]
    if title:
        lines += _text("title", *title, flow=False, indent="      ")
    return lines


def _report(plan: _Plan, rng: random.Random, writer: _Writer, filler: list[str], seed: int) -> tuple[bytes | None, int]:
    """report.yaml's bytes (None when there is nothing to report) after writing its PDFs; versions written."""
    a = plan.agency
    flow = rng.random() < 0.3
    thai_names = rng.random() < 0.12
    lines = ["# รายงานตาม พ.ร.บ. การปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. 2565"] if rng.random() < 0.05 else []
    written = 0
    docs = f"content/documents/{a.code}"
    made_docs = False

    def section_versions(section: int) -> list[str]:
        nonlocal written, made_docs
        count = plan.counts.get(section, 0)
        days = sorted(rng.randint(FIRST_DAY, LAST_DAY) for _ in range(count))
        if count > 1 and rng.random() < 0.05:
            rng.shuffle(days)  # the current version is the latest date, not the last item
        out = ["  versions:"]
        for i, day in enumerate(days, 1):
            when = date.fromordinal(day)
            be = when.year + 543
            name = f"{THAI_FILE_PREFIX[section]}-{be}-{i}.pdf" if thai_names else f"s{section}-{be}-{i}.pdf"
            pdf = _pdf(f"{a.code} s{section} {i}", "".join((
                _show("Prakat synthetic test document"),
                _show(f"Agency {a.code}"),
                _show(f"{SECTION_LABEL[section]}, version {i}"),
                _show(f"Dated {when.isoformat()}"),
                _show(f"Reference {a.code}-{section}-{i}-{seed}"),  # unique in the tree
                *rng.choices(filler, k=rng.randint(4, 26)),
            )))
            if not made_docs:
                writer.mkdir(docs)
                made_docs = True
            writer.write(f"{docs}/{name}", pdf)
            written += 1
            status = "suspended" if rng.random() < 0.1 else "published"
            fields = [("file", name), ("sha256", hashlib.sha256(pdf).hexdigest()),
                      ("effective" if section == 16 else "announced", when.isoformat()), ("status", status)]
            title = None
            if section == 10:
                if a.children and rng.random() < 0.05:
                    fields.append(("scope", "subordinates"))
                elif rng.random() < 0.2:
                    fields.append(("scope", "self"))
                if rng.random() < 0.3:
                    title = (f"ประกาศ{a.name_th} เรื่อง ช่องทางการติดต่อสื่อสารทางอิเล็กทรอนิกส์",
                             f"Announcement of {a.name_en} on electronic contact channels" if a.name_en else None)
            out += _version_lines(fields, title, flow)
        return out

    if plan.counts.get(10):
        lines += ["section10:", *section_versions(10)]
    if plan.s13 != "absent":
        lines += ["section13:", f"  has_licences: {'false' if plan.s13 == 'none' else 'true'}"]
        if plan.s13 != "none":
            lines.append(f"  gazette_status: {plan.s13}")
            if plan.counts.get(13):
                lines += section_versions(13)
            links = {"complete": rng.randint(1, 2), "partial": rng.randint(0, 2)}.get(plan.s13, 0)
            if links:
                lines.append("  gazette_links:")
                for _ in range(links):
                    day = date.fromordinal(rng.randint(FIRST_DAY, LAST_RECORDED_DAY))
                    url = f"https://ratchakitcha.soc.go.th/documents/{day.year + 543}/{rng.randint(10000, 99999)}.pdf"
                    status = "suspended" if rng.random() < 0.05 else "published"
                    lines.append(f"    - {{url: {url}, recorded: {day.isoformat()}, status: {status}}}")
            channels = rng.randint(1, 3) if rng.random() < 0.8 else 0
            if channels:
                lines.append("  licence_channels:")
                for j, (th, en) in enumerate(rng.sample(LICENCES, channels), 1):
                    status = "suspended" if rng.random() < 0.1 else "published"
                    lines += [*_text("licence", th, en, flow=True, indent="    - "),
                              f"      url: https://{a.domain}/licence-check/{j}", f"      status: {status}"]
    if plan.counts.get(16):
        lines += ["section16:", *section_versions(16)]
    if plan.problems:
        lines.append("problems:")
        for category, description in rng.sample(PROBLEMS, plan.problems):
            if rng.random() < 0.8:
                lines.append(f"  - {{category: {category}, description: {_q(description, True)}}}")
            else:
                lines.append(f"  - {{category: {category}}}")
    if not any(line and not line.startswith("#") for line in lines):
        return None, written
    return _finish(lines, rng), written


# --- generate ------------------------------------------------------------------------------------

def _staging(out: Path) -> Path:
    """The folder to write into: `out` when it is missing or empty, else a sibling that replaces it
    at the end, so that `out` stays usable meanwhile and is missing only for a moment."""
    if out.exists() and not out.is_dir():
        raise GenerateError(f"{out} is not a folder")
    if not out.is_dir() or not any(out.iterdir()):
        out.mkdir(parents=True, exist_ok=True)
        return out
    if not (out / MARKER).is_file():
        raise GenerateError(f"{out} is not empty and holds no {MARKER} file: not replacing it")
    staging = out.with_name(out.name + ".generating")
    _remove_generated(staging)  # left by an interrupted run
    staging.mkdir()
    return staging


def _remove_generated(path: Path) -> None:
    if path.exists() or path.is_symlink():
        if path.is_symlink() or not (path / MARKER).is_file():
            raise GenerateError(f"{path} is in the way and was not made by bench.generate: not removing it")
        shutil.rmtree(path)


def _git(out: Path, *args: str, date_: str = COMMIT_DATE) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": GIT_IDENTITY["name"], "GIT_AUTHOR_EMAIL": GIT_IDENTITY["email"],
           "GIT_COMMITTER_NAME": GIT_IDENTITY["name"], "GIT_COMMITTER_EMAIL": GIT_IDENTITY["email"],
           "GIT_AUTHOR_DATE": date_, "GIT_COMMITTER_DATE": date_}
    done = subprocess.run(["git", "-C", str(out), *args], env=env, check=True, capture_output=True, text=True)
    return done.stdout


def _git_commit_all(out: Path, files: list[tuple[str, bytes]], message: str) -> str:
    """Make `out` a repository whose one commit holds `files`, with an index that matches them.

    The objects go into one pack written here: `git add` of 97,000 files writes as many loose
    objects (minutes on a slow disk) and `git fast-import` spends its time searching long trees.
    Returns the commit id.
    """
    _git(out, "init", "-q", "-b", "main")
    for key, value in (("user.name", GIT_IDENTITY["name"]), ("user.email", GIT_IDENTITY["email"]),
                       ("core.autocrlf", "false"), ("core.quotepath", "false"), ("commit.gpgsign", "false"),
                       ("gc.auto", "0")):
        _git(out, "config", key, value)
    objects = _GitObjects()
    root: dict[str, object] = {}
    for relative, data in files:
        *folders, leaf = relative.split("/")
        node = root
        for folder in folders:
            node = node.setdefault(folder, {})  # type: ignore[assignment]
        node[leaf] = objects.add(b"blob", data)
    when = datetime.fromisoformat(COMMIT_DATE)
    person = b"%s <%s> %d %s" % (GIT_IDENTITY["name"].encode(), GIT_IDENTITY["email"].encode(),
                                   int(when.timestamp()), when.strftime("%z").encode())
    commit = objects.add(b"commit", b"tree %s\nauthor %s\ncommitter %s\n\n%s\n" % (
        objects.tree(root).hex().encode(), person, person, message.encode()))
    pack = objects.write_pack(out / ".git" / "objects" / "pack")
    _git(out, "index-pack", str(pack))
    _git(out, "update-ref", "refs/heads/main", commit.hex())
    # The index with stat data, so that the first `git status` of a benchmark does not hash every
    # file again; written over a second after the last file, so that none is "racily clean".
    time.sleep(max(0.0, os.stat(out / ".gitignore").st_mtime + 1.1 - time.time()))
    _git(out, "read-tree", "HEAD")
    _git(out, "update-index", "-q", "--refresh")
    return commit.hex()


class _GitObjects:
    """Git objects by id, in the order first added, and a version 2 pack of them."""

    TYPES = {b"commit": 1, b"tree": 2, b"blob": 3}

    def __init__(self) -> None:
        self.objects: dict[bytes, tuple[int, bytes]] = {}

    def add(self, kind: bytes, data: bytes) -> bytes:
        digest = hashlib.sha1(b"%s %d\0" % (kind, len(data)))
        digest.update(data)
        oid = digest.digest()
        self.objects.setdefault(oid, (self.TYPES[kind], data))
        return oid

    def tree(self, node: dict[str, object]) -> bytes:
        entries = []
        for name, value in node.items():
            raw = name.encode()
            if isinstance(value, dict):  # git orders a folder as if its name ended in "/"
                entries.append((raw + b"/", b"40000 %s\0%s" % (raw, self.tree(value))))
            else:
                assert isinstance(value, bytes)
                entries.append((raw, b"100644 %s\0%s" % (raw, value)))
        entries.sort()
        return self.add(b"tree", b"".join(entry for _, entry in entries))

    def write_pack(self, folder: Path) -> Path:
        checksum = hashlib.sha1()
        temporary = folder / "tmp-bench.pack"
        with open(temporary, "wb") as f:
            def put(chunk: bytes) -> None:
                checksum.update(chunk)
                f.write(chunk)

            put(b"PACK" + struct.pack(">II", 2, len(self.objects)))
            for kind, data in self.objects.values():
                size = len(data)
                header = bytearray()
                byte = (kind << 4) | (size & 0x0F)
                size >>= 4
                while size:
                    header.append(byte | 0x80)
                    byte = size & 0x7F
                    size >>= 7
                header.append(byte)
                put(bytes(header) + zlib.compress(data, 1))
            f.write(checksum.digest())
        pack = folder / f"pack-{checksum.hexdigest()}.pack"
        temporary.rename(pack)
        return pack


def generate(out: Path, agencies: int, versions: int, seed: int, git: bool = False,
             hidden_share: float = 0.01, no_report_share: float = 0.15) -> Stats:
    """Write a complete content tree of `agencies` agencies and `versions` versions into `out`.

    `out` must be missing, empty, or an earlier output of this function, which is replaced (its
    removal is not counted in `elapsed_seconds`). With `git`, `out` becomes a repository with one
    commit whose id depends only on the arguments.
    """
    started = time.perf_counter()
    if agencies < 1 or versions < 0 or not 0 <= hidden_share <= 1 or not 0 <= no_report_share <= 1:
        raise GenerateError("need agencies >= 1, versions >= 0 and shares between 0 and 1")
    out = Path(out)
    build = _staging(out)
    rng = random.Random(seed)
    tree = _build_tree(rng, agencies)
    for i in rng.sample(range(len(tree.agencies)), round(len(tree.agencies) * hidden_share)):
        tree.agencies[i].visible = False
    _fill_contacts(tree)
    plans = _plan_reports(rng, tree, versions, no_report_share)
    filler = [_show(line) for line in _filler(rng)]

    writer = _Writer(build, keep=git)
    reports = written = 0
    settings = {"agencies": agencies, "versions": versions, "seed": seed, "hidden_share": hidden_share,
                "no_report_share": no_report_share}
    try:
        writer.write(MARKER, (json.dumps(settings, sort_keys=True) + "\n").encode())  # first: see _staging
        writer.mkdir("content/documents")
        for a in tree.agencies:
            writer.mkdir(f"content/agencies/{a.code}")
            writer.write(f"content/agencies/{a.code}/agency.yaml", _agency_yaml(a, rng))
        for plan in plans:
            data, count = _report(plan, rng, writer, filler, seed)
            written += count
            if data is not None:
                writer.write(f"content/agencies/{plan.agency.code}/report.yaml", data)
                reports += 1
        writer.write(".gitignore", GITIGNORE.encode())
    finally:
        writer.close()

    git_seconds = 0.0
    if git:
        git_started = time.perf_counter()
        _git_commit_all(build, writer.kept, f"Synthetic content: {agencies} agencies, {written} versions (seed {seed})")
        git_seconds = time.perf_counter() - git_started
    elapsed = time.perf_counter() - started
    if build != out:  # removing the old tree is not part of the time to generate
        old = out.with_name(out.name + ".old")
        _remove_generated(old)
        out.rename(old)
        build.rename(out)
        shutil.rmtree(old)
    return Stats(agencies=len(tree.agencies), visible_agencies=sum(a.visible for a in tree.agencies),
                 reports=reports, versions=written, pdfs=written, files=writer.files, bytes_written=writer.bytes,
                 elapsed_seconds=round(elapsed, 3), git_seconds=round(git_seconds, 3))


# --- one agency changed ------------------------------------------------------------------------

def _read_lines(path: Path) -> tuple[list[str], str, str]:
    """Lines of a text file without line ends, its line end and its byte-order mark (or '')."""
    text = path.read_bytes().decode("utf-8")
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    text = text[len(bom):]
    newline = "\r\n" if "\r\n" in text else "\n"
    return text.split(newline)[:-1] if text.endswith(newline) else text.split(newline), newline, bom


def _write_lines(path: Path, lines: list[str], newline: str, bom: str) -> None:
    path.write_bytes((bom + newline.join(lines) + newline).encode("utf-8"))


def mutate(out: Path, code: str | None = None, seed: int = 2, commit: bool = False) -> str:
    """Change one agency of a generated tree in the working tree, as a web team would; return its code.

    Its phone number changes and a new published Section 10 version, with a new PDF, is appended
    to its report (created when it has none). With `commit`, the change is committed.
    """
    out = Path(out)
    agencies_dir = out / "content" / "agencies"
    if not (out / MARKER).is_file() or not agencies_dir.is_dir():
        raise GenerateError(f"{out} is not a tree made by bench.generate")
    rng = random.Random(seed)
    if code is None:  # a visible agency, so that the public site changes
        codes = sorted(p.name for p in agencies_dir.iterdir())
        for _ in range(100):
            code = rng.choice(codes)
            if "\nvisible: true" in (agencies_dir / code / "agency.yaml").read_text(encoding="utf-8"):
                break
    record = agencies_dir / code / "agency.yaml"
    if not record.is_file():
        raise GenerateError(f"no agency {code} in {out}")

    lines, newline, bom = _read_lines(record)
    province = next((line.split('"')[1] for line in lines if line.startswith("province:")), "10")
    old = [i for i, line in enumerate(lines) if line.startswith("phones:")]
    phone = _phone(rng, province)
    while old and f'"{phone}"' in lines[old[0]]:
        phone = _phone(rng, province)
    new_line = f'phones: ["{phone}"]'
    if old:
        lines[old[0]] = new_line
    else:
        lines.append(new_line)
    _write_lines(record, lines, newline, bom)

    docs = out / "content" / "documents" / code
    docs.mkdir(parents=True, exist_ok=True)
    n = 1
    while (docs / f"s10-update-{n}.pdf").exists():
        n += 1
    name = f"s10-update-{n}.pdf"
    when = date.fromordinal(rng.randint(date(2026, 6, 1).toordinal(), LAST_DAY)).isoformat()
    pdf = pdf_bytes(f"{code} s10 update {n}", [
        "Prakat synthetic test document", f"Agency {code}", f"{SECTION_LABEL[10]}, update {n}",
        f"Dated {when}", f"Reference {code}-10-update-{n}-{seed}", *_filler(rng, rng.randint(4, 12))])
    (docs / name).write_bytes(pdf)
    version = [f"    - file: {name}", f"      sha256: {hashlib.sha256(pdf).hexdigest()}",
               f"      announced: {when}", "      status: published"]

    report = agencies_dir / code / "report.yaml"
    if report.is_file():
        lines, newline, bom = _read_lines(report)
    else:
        lines, newline, bom = [], "\n", ""
    if "section10:" in lines:
        start = lines.index("section10:")
        end = start + 1
        while end < len(lines) and (not lines[end] or lines[end].startswith("  ")):
            end += 1
        if "  versions:" not in lines[start + 1:end]:
            lines.insert(start + 1, "  versions:")
            end += 1
        lines[end:end] = version
    else:
        at = 0
        while at < len(lines) and lines[at].startswith("#"):
            at += 1
        lines[at:at] = ["section10:", "  versions:", *version]
    _write_lines(report, lines, newline, bom)

    if commit:
        paths = [str(p.relative_to(out)) for p in (record, report, docs / name)]
        _git(out, "add", "--", *paths, date_=MUTATE_COMMIT_DATE)
        _git(out, "commit", "-q", "--no-verify", "-m", f"Update agency {code}", date_=MUTATE_COMMIT_DATE)
    return code


# --- command line -----------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate",
        description="Write a synthetic Prakat content tree (SPEC §1) for benchmarks, or change one agency of it.")
    parser.add_argument("out", type=Path, metavar="OUT_DIR", help="folder to write (missing, empty or generated)")
    parser.add_argument("--agencies", type=int, default=20000, help="number of agencies (default 20000)")
    parser.add_argument("--versions", type=int, default=60000, help="number of document versions (default 60000)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default 1; 2 with --mutate)")
    parser.add_argument("--git", action="store_true", help="make OUT_DIR a Git repository with one commit")
    parser.add_argument("--hidden-share", type=float, default=0.01, help="share of hidden agencies (default 0.01)")
    parser.add_argument("--no-report-share", type=float, default=0.15,
                        help="share of agencies without report.yaml (default 0.15)")
    parser.add_argument("--mutate", action="store_true",
                        help="instead of generating, change one agency of the tree in OUT_DIR and print its code")
    parser.add_argument("--code", help="with --mutate: the agency to change (default: one picked by the seed)")
    parser.add_argument("--commit", action="store_true", help="with --mutate: commit the change")
    args = parser.parse_args(argv)
    try:
        if args.mutate:
            print(mutate(args.out, args.code, 2 if args.seed is None else args.seed, commit=args.commit))
        else:
            stats = generate(args.out, args.agencies, args.versions, 1 if args.seed is None else args.seed,
                             git=args.git, hidden_share=args.hidden_share, no_report_share=args.no_report_share)
            print(json.dumps(asdict(stats), indent=2))
    except (GenerateError, subprocess.CalledProcessError) as err:
        detail = getattr(err, "stderr", None)
        print(f"error: {err}" + (f"\n{detail.strip()}" if detail else ""), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
