"""Word lists for deterministic demo data. Written for this project; any likeness is chance."""

WOMEN = [
    "Siti",
    "Dewi",
    "Sri",
    "Nur",
    "Rina",
    "Yuni",
    "Wati",
    "Lestari",
    "Ani",
    "Fitri",
    "Ratna",
    "Indah",
    "Maya",
    "Putri",
    "Rini",
    "Nining",
    "Endang",
    "Suryani",
    "Kartika",
    "Ayu",
    "Dian",
    "Lia",
    "Novi",
    "Eka",
    "Tuti",
    "Rahma",
    "Aisyah",
    "Nurul",
    "Umi",
    "Yanti",
    "Heni",
    "Sari",
    "Wulan",
    "Ika",
    "Mega",
    "Rosita",
]
MEN = [
    "Agus",
    "Budi",
    "Joko",
    "Slamet",
    "Eko",
    "Bambang",
    "Dedi",
    "Hendra",
    "Rudi",
    "Andi",
    "Asep",
    "Ujang",
    "Wahyu",
    "Yusuf",
    "Rahmat",
    "Hadi",
    "Iwan",
    "Sugeng",
    "Teguh",
    "Bayu",
    "Ade",
    "Dodi",
    "Fajar",
    "Rizki",
    "Imam",
    "Arif",
    "Dwi",
    "Tri",
    "Heru",
    "Nanang",
    "Supri",
    "Darto",
    "Kurniawan",
    "Ridwan",
    "Taufik",
    "Yogi",
]
FAMILY = [
    "Saputra",
    "Setiawan",
    "Hidayat",
    "Nugroho",
    "Pratama",
    "Wibowo",
    "Santoso",
    "Kusuma",
    "Permana",
    "Gunawan",
    "Susanto",
    "Hakim",
    "Firmansyah",
    "Siregar",
    "Nasution",
    "Simanjuntak",
    "Lubis",
    "Harahap",
    "Sihombing",
    "Purba",
    "Wijaya",
    "Rahayu",
    "Suhendra",
    "Maulana",
    "Ramadhan",
    "Hasibuan",
    "Sembiring",
    "Tarigan",
    "Munthe",
    "Syahputra",
    "Hermawan",
    "Kurnia",
    "Pangaribuan",
    "Manurung",
    "Rangkuti",
]
COMPANY_WORDS = [
    "Sinar",
    "Cahaya",
    "Mitra",
    "Karya",
    "Jaya",
    "Abadi",
    "Sentosa",
    "Perkasa",
    "Makmur",
    "Prima",
    "Mega",
    "Surya",
    "Indah",
    "Bumi",
    "Nusantara",
    "Mandiri",
    "Utama",
    "Sejahtera",
    "Gemilang",
    "Agung",
    "Lestari",
    "Persada",
    "Cipta",
    "Daya",
    "Tunggal",
    "Anugerah",
    "Samudra",
    "Mulia",
    "Harapan",
    "Bintang",
]
SECTOR_WORDS = {
    "metal": ["Logam", "Baja", "Metalindo", "Presisi", "Tempa"],
    "electronics": ["Elektronik", "Elektrindo", "Semikonduktor", "Komponen Elektrik"],
    "automotive": ["Otomotif", "Motor", "Autoparts", "Komponen", "Mesin"],
    "shipbuilding": ["Galangan", "Bahari", "Maritim", "Marine"],
    "aerospace": ["Dirgantara", "Aero", "Avionik"],
    "garment": ["Garmen", "Tekstil", "Busana", "Apparel", "Sepatu"],
    "food": ["Pangan", "Food", "Boga", "Minuman"],
    "chemicals": ["Kimia", "Plastik", "Petrokimia", "Cat"],
    "energy": ["Energi", "Tambang", "Migas"],
    "pharma": ["Farma", "Medika", "Husada"],
    "health": ["Rumah Sakit", "Klinik", "Medika"],
    "banking": ["Finansial", "Artha", "Dana"],
    "retail": ["Niaga", "Retailindo", "Swalayan"],
    "services": ["Jasa", "Layanan", "Solusi"],
    "logistics": ["Logistik", "Ekspedisi", "Transportasi"],
}

# Members (serikat.demo.members): more given names, second names and the common Islamic first
# names, so that 2 million demo members do not share a few hundred full names. Split strings keep
# the lists short to read; the order matters (the demo is deterministic for a seed).
WOMEN_MORE = (  # noqa: SIM905 - long word lists read better as text
    "Anisa Astuti Cici Desi Dina Elis Erna Euis Evi Fatimah Fitriani Hana Ida Ilah Imas Intan Irma Kurniasih "
    "Lilis Lina Mira Murni Nia Nila Nita Nunung Oktaviani Puji Ratih Rika Rosmawati Santi Septi Sinta Sulastri "
    "Susi Tati Tika Titin Tini Umiyati Vina Wahyuni Wida Winarti Yati Yeni Yuli Yulia Yuliana Zahra Aminah "
    "Nurhayati Komariah Khadijah Mardiana Agustina Handayani Purwanti Rohmah Salsabila Nabila Aulia"
).split()
MEN_MORE = (  # noqa: SIM905 - long word lists read better as text
    "Abdul Achmad Adi Aditya Ahmad Aji Alif Anto Ari Aris Bagus Dadang Danu Deni Dimas Edi Endang Fauzi Firman "
    "Gilang Hari Hasan Herman Ilham Indra Irfan Jajang Kusnadi Lukman Maman Mulyadi Nandar Nur Oman Pandu "
    "Purnomo Rahman Roni Rusdi Sandi Setiadi Sigit Sutrisno Syaiful Tatang Toni Ucup Wawan Wira Yadi Yanto Yayan "
    "Zainal Zulkifli Suparman Sukardi Sumarno Hendri Priyanto Wibisono Gunadi Irwan Sahrul Dani"
).split()
# Second words of women's and men's names (Javanese and Sundanese forms, Arabic names).
WOMEN_SECOND = (  # noqa: SIM905 - long word lists read better as text
    "Wahyuni Lestari Rahayu Susanti Handayani Purwanti Kurniasih Rahmawati Fitriani Suryani Anggraini Wulandari "
    "Puspitasari Maharani Permatasari Novitasari Utami Pertiwi Safitri Nurjanah Hasanah Fauziah Mulyani Aryani "
    "Yuliani Sulistyowati Rusmini Kartini Saadah Khoirunnisa Septiani Oktavia Amelia Kusumawati Damayanti"
).split()
MEN_SECOND = (  # noqa: SIM905 - long word lists read better as text
    "Santoso Prasetyo Setiawan Hidayat Kurniawan Nugroho Saputra Wijaya Susanto Hartono Gunawan Firmansyah "
    "Ramadhan Pratama Rahman Hakim Syahputra Maulana Sulistyo Riyanto Hermawan Purnama Iskandar Sudrajat "
    "Supriyadi Suryadi Wahyudi Sutisna Rohman Saefudin Mulyana Nurdin Junaedi Hamdani Kusuma"
).split()
# First names that go in front of another given name (Siti Aminah, Muhammad Rizki).
WOMEN_FRONT = ["Siti", "Nur", "Sri", "Dewi", "Putri", "Ayu"]
MEN_FRONT = ["Muhammad", "Moch.", "Ahmad", "Abdul", "Dwi", "Eko", "Tri"]
JOBS = {
    "metal": ["Operator Produksi", "Welder", "Operator CNC", "Teknisi Maintenance", "QC Inspector", "Helper"],
    "electronics": ["Operator Produksi", "Operator SMT", "QC Inspector", "Teknisi", "Leader Line", "Admin Gudang"],
    "automotive": ["Operator Produksi", "Operator Press", "Welder", "Teknisi Maintenance", "QC Inspector", "Leader"],
    "shipbuilding": ["Welder", "Fitter", "Painter", "Rigger", "Operator Crane", "Helper"],
    "aerospace": ["Teknisi Pesawat", "Machinist", "QC Inspector", "Operator Komposit", "Drafter"],
    "garment": ["Operator Jahit", "Operator Potong", "QC Finishing", "Packing", "Leader Line", "Setrika"],
    "food": ["Operator Produksi", "Packing", "QC Laboratorium", "Sanitasi", "Admin Gudang"],
    "chemicals": ["Operator Produksi", "Operator Boiler", "Analis Laboratorium", "Teknisi", "Admin Gudang"],
    "energy": ["Operator Lapangan", "Teknisi Listrik", "Mekanik", "Safety Officer", "Driver"],
    "pharma": ["Operator Produksi", "Analis QC", "Apoteker Pendamping", "Packing", "Admin Gudang"],
    "health": ["Perawat", "Bidan", "Analis Laboratorium", "Petugas Administrasi", "Cleaning Service"],
    "banking": ["Teller", "Customer Service", "Staf Kredit", "Staf Administrasi", "Security"],
    "retail": ["Kasir", "Pramuniaga", "Staf Gudang", "Supervisor Toko", "Driver"],
    "services": ["Staf Administrasi", "Security", "Cleaning Service", "Teknisi", "Driver"],
    "logistics": ["Driver", "Checker", "Operator Forklift", "Staf Gudang", "Admin"],
}
DEPARTMENTS = ["Produksi", "Produksi", "Produksi", "Quality Control", "Maintenance", "Gudang", "PPIC", "Umum"]
STREETS = [
    "Jl. Raya",
    "Jl. Kebon Jeruk",
    "Gg. Melati",
    "Jl. Pahlawan",
    "Jl. Merdeka",
    "Kp. Sukamaju",
    "Perum Griya Asri",
    "Jl. Industri",
]
